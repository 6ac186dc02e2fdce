package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlType;

/** The provider an order goes to: at least one of its ODS code and CQC location id. */
@XmlType(propOrder = {"odsCode", "cqcLocationId", "name"})
public class ProviderRef {
    public String odsCode;
    public String cqcLocationId;
    public String name;
}
