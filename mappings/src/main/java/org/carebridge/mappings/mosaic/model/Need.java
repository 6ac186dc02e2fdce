package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** An eligible need and whether the plan meets it. */
@XmlType(propOrder = {"description", "met"})
public class Need {
    public String description;
    public String met;

    public Need() {}

    public Need(String description, String met) {
        this.description = description;
        this.met = met;
    }
}
