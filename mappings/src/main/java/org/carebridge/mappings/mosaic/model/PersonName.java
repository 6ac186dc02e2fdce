package org.carebridge.mappings.mosaic.model;

import java.util.ArrayList;
import java.util.List;
import jakarta.xml.bind.annotation.XmlType;

@XmlType(propOrder = {"title", "given", "family"})
public class PersonName {
    public String title;
    public List<String> given = new ArrayList<>();
    public String family;
}
