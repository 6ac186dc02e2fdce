package org.carebridge.mappings.mosaic.model;

import java.util.ArrayList;
import java.util.List;
import jakarta.xml.bind.annotation.XmlType;

@XmlType(propOrder = {"line", "town", "postcode", "ruralityClass"})
public class Address {
    public List<String> line = new ArrayList<>();
    public String town;
    public String postcode;
    /** urban | rural-town-fringe | rural-village-dispersed: drives the rurality uplift (K:694-711). */
    public String ruralityClass;
}
