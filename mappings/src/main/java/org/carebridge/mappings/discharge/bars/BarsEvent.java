package org.carebridge.mappings.discharge.bars;

import java.util.Optional;

/** MessageHeader.eventCoding codes of BaRS, and whether this gateway (a council receiving referrals) takes them. */
public enum BarsEvent {
    SERVICEREQUEST_REQUEST("servicerequest-request", true),
    SERVICEREQUEST_RESPONSE("servicerequest-response", true),
    // A council does not offer bookable slots: booking messages are valid BaRS but not implemented here.
    BOOKING_REQUEST("booking-request", false),
    BOOKING_RESPONSE("booking-response", false);

    private final String code;
    private final boolean supported;

    BarsEvent(String code, boolean supported) {
        this.code = code;
        this.supported = supported;
    }

    public String code() {
        return code;
    }

    public boolean supported() {
        return supported;
    }

    public boolean isResponse() {
        return this == SERVICEREQUEST_RESPONSE || this == BOOKING_RESPONSE;
    }

    public static Optional<BarsEvent> fromCode(String code) {
        for (BarsEvent e : values()) {
            if (e.code.equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
