package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** The person objects to sharing with a class of recipient (H:1055, K:2161-2163). */
@XmlType(propOrder = {"scope", "recorded", "note"})
public class Objection {
    /** provider | health | family | all */
    public String scope;
    public String recorded;
    public String note;
}
