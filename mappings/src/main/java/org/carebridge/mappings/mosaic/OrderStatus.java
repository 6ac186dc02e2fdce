package org.carebridge.mappings.mosaic;

import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;

/**
 * The life of an order for care as councils name it (K:628, K:2346, K:2993), and the FHIR ServiceRequest status it
 * shows as. The CareBridge OrderStatus code keeps the council's distinction that the FHIR status loses
 * (cancelled, declined and handed back are all "revoked"). The code itself is the profiles' terminology
 * {@link org.carebridge.profiles.terminology.OrderStatus}: this enum adds only what the mapping decides.
 */
public enum OrderStatus {
    OFFERED(Code.OFFERED, ServiceRequestStatus.DRAFT, true),
    ACCEPTED(Code.ACCEPTED, ServiceRequestStatus.ACTIVE, true),
    DECLINED(Code.DECLINED, ServiceRequestStatus.REVOKED, false),
    ACTIVE(Code.ACTIVE, ServiceRequestStatus.ACTIVE, true),
    SUSPENDED(Code.SUSPENDED, ServiceRequestStatus.ONHOLD, true),
    VARIED(Code.VARIED, ServiceRequestStatus.ACTIVE, true),
    CANCELLED(Code.CANCELLED, ServiceRequestStatus.REVOKED, false),
    HANDED_BACK(Code.HANDED_BACK, ServiceRequestStatus.REVOKED, false),
    ENDED(Code.ENDED, ServiceRequestStatus.COMPLETED, false);

    private final org.carebridge.profiles.terminology.OrderStatus code;
    private final ServiceRequestStatus fhirStatus;
    private final boolean open;

    OrderStatus(org.carebridge.profiles.terminology.OrderStatus code, ServiceRequestStatus fhirStatus, boolean open) {
        this.code = code;
        this.fhirStatus = fhirStatus;
        this.open = open;
    }

    /** Shorter name for the profiles' enum inside the constant table above. */
    private interface Code {
        org.carebridge.profiles.terminology.OrderStatus OFFERED = org.carebridge.profiles.terminology.OrderStatus.OFFERED;
        org.carebridge.profiles.terminology.OrderStatus ACCEPTED = org.carebridge.profiles.terminology.OrderStatus.ACCEPTED;
        org.carebridge.profiles.terminology.OrderStatus DECLINED = org.carebridge.profiles.terminology.OrderStatus.DECLINED;
        org.carebridge.profiles.terminology.OrderStatus ACTIVE = org.carebridge.profiles.terminology.OrderStatus.ACTIVE;
        org.carebridge.profiles.terminology.OrderStatus SUSPENDED = org.carebridge.profiles.terminology.OrderStatus.SUSPENDED;
        org.carebridge.profiles.terminology.OrderStatus VARIED = org.carebridge.profiles.terminology.OrderStatus.VARIED;
        org.carebridge.profiles.terminology.OrderStatus CANCELLED = org.carebridge.profiles.terminology.OrderStatus.CANCELLED;
        org.carebridge.profiles.terminology.OrderStatus HANDED_BACK = org.carebridge.profiles.terminology.OrderStatus.HANDED_BACK;
        org.carebridge.profiles.terminology.OrderStatus ENDED = org.carebridge.profiles.terminology.OrderStatus.ENDED;
    }

    public String code() {
        return code.code();
    }

    public String display() {
        return code.display();
    }

    /** The published code (system OrderStatus). */
    public org.carebridge.profiles.terminology.OrderStatus terminology() {
        return code;
    }

    public Coding coding() {
        return code.coding();
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
            if (s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
