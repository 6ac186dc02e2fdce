package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** Next of kin, or a representative acting for a person who lacks capacity (H:1370-1374). */
@XmlType(propOrder = {"role", "name", "relationship", "phone", "authority"})
public class Contact {
    /** next-of-kin | representative */
    public String role;
    public String name;
    /** Free text as Mosaic holds it: "daughter", "friend". */
    public String relationship;
    public String phone;
    /** For a representative: lpa-health-welfare | lpa-property-finance | deputy | advocate | other */
    public String authority;
}
