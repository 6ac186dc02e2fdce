package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** Key safe and door entry codes (H:3765-3770): restricted, kept apart from the person's identity. */
@XmlType(propOrder = {"keySafeCode", "entryCode", "instructions"})
public class AccessDetails {
    public String keySafeCode;
    public String entryCode;
    public String instructions;
}
