package org.carebridge.mappings.mosaic;

import java.util.Optional;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;

/**
 * The life of an order for care as councils name it (K:628, K:2346, K:2993), and the FHIR ServiceRequest status it
 * shows as. The CareBridge OrderStatus code keeps the council's distinction that the FHIR status loses
 * (cancelled, declined and handed back are all "revoked").
 */
public enum OrderStatus {
    OFFERED("offered", "Offered", ServiceRequestStatus.DRAFT, true),
    ACCEPTED("accepted", "Accepted", ServiceRequestStatus.ACTIVE, true),
    DECLINED("declined", "Declined", ServiceRequestStatus.REVOKED, false),
    ACTIVE("active", "Active", ServiceRequestStatus.ACTIVE, true),
    SUSPENDED("suspended", "Suspended", ServiceRequestStatus.ONHOLD, true),
    VARIED("varied", "Varied", ServiceRequestStatus.ACTIVE, true),
    CANCELLED("cancelled", "Cancelled", ServiceRequestStatus.REVOKED, false),
    HANDED_BACK("handed-back", "Handed back", ServiceRequestStatus.REVOKED, false),
    ENDED("ended", "Ended", ServiceRequestStatus.COMPLETED, false);

    private final String code;
    private final String display;
    private final ServiceRequestStatus fhirStatus;
    private final boolean open;

    OrderStatus(String code, String display, ServiceRequestStatus fhirStatus, boolean open) {
        this.code = code;
        this.display = display;
        this.fhirStatus = fhirStatus;
        this.open = open;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public ServiceRequestStatus fhirStatus() {
        return fhirStatus;
    }

    /** Still open (not finished): what a full extract may end when the order is no longer in it. */
    public boolean isOpen() {
        return open;
    }

    public static Optional<OrderStatus> fromCode(String code) {
        for (OrderStatus s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
