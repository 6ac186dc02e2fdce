package org.carebridge.rules.visits;

/** Codes of CodeSystem CareBridge-PayableReason: why a visit is, or is not (yet), payable. */
public enum PayableReason {
    DELIVERED("delivered"),
    PENDING("pending"),
    NOT_DELIVERED("not-delivered"),
    CANCELLED("cancelled"),
    NO_RESPONSE("no-response"),
    REFUSED("refused"),
    VOID("void"),
    INCOMPLETE_RECORD("incomplete-record"),
    LATE("late"),
    EARLY("early"),
    SHORT_VISIT("short-visit"),
    DOUBLE_UP_LATE("double-up-late"),
    MANUAL_ENTRY_LATE("manual-entry-late");

    private final String code;

    PayableReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static PayableReason of(VisitExceptionCode e) {
        return switch (e) {
            case LATE -> LATE;
            case EARLY -> EARLY;
            case MISSED -> NOT_DELIVERED;
            case VOID -> VOID;
            case NO_RESPONSE -> NO_RESPONSE;
            case REFUSED -> REFUSED;
            case SHORT_VISIT -> SHORT_VISIT;
            case DOUBLE_UP_LATE -> DOUBLE_UP_LATE;
            case MANUAL_ENTRY_LATE -> MANUAL_ENTRY_LATE;
        };
    }
}
