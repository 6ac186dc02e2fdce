package org.carebridge.mappings.mosaic.model;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** An order for care: service delivery order, financial activation notice or purchase order (K:591, H:3295). */
@XmlType(propOrder = {"orderNumber", "kind", "planId", "provider", "serviceLine", "supportLevel", "units",
        "unitOfPurchase", "frequency", "maxWeeklyHours", "calls", "start", "end", "status", "statusDate"})
public class OrderRecord {
    public String orderNumber;
    /** SDO | FAN | PO */
    public String kind;
    /** The plan this order delivers, if Mosaic links them. */
    public String planId;
    public ProviderRef provider;
    public String serviceLine;
    /** standard | complex */
    public String supportLevel;
    public String units;
    public String unitOfPurchase;
    /** day | week | four-weeks */
    public String frequency;
    public String maxWeeklyHours;
    @XmlElement(name = "call")
    public List<PlannedCall> calls = new ArrayList<>();
    public String start;
    public String end;
    public String status;
    public String statusDate;
}
