package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Payable reason: Why a visit is or is not payable (H:3275-3308, K:721-724). */
public enum PayableReason implements CareBridgeCode {
    DELIVERED("delivered", "Delivered as ordered", null),
    MANUAL_ENTRY_LATE("manual-entry-late", "Manual entry later than 24 hours", "H:3277."),
    EMONITORING_NON_COMPLIANT("emonitoring-non-compliant", "Electronic monitoring non-compliant", "H:3278."),
    NOT_DELIVERED("not-delivered", "Not delivered", null),
    ABOVE_MAXIMUM_HOURS("above-maximum-hours", "Above the allocated maximum hours", "H:3299."),
    EXTRA_HOURS_AGREED("extra-hours-agreed", "Extra hours agreed", "H:3303-3308."),
    EXTRA_HOURS_NOT_AGREED("extra-hours-not-agreed", "Extra hours not agreed in time", "H:3303-3308."),
    PENDING("pending", "Not yet judged", "The visit is not over or its events are incomplete."),
    CANCELLED("cancelled", "Cancelled", null),
    NO_RESPONSE("no-response", "No response at the door", null),
    REFUSED("refused", "Care refused", "H:532."),
    VOID("void", "Void call", null),
    INCOMPLETE_RECORD("incomplete-record", "Incomplete monitoring record", null),
    LATE("late", "Late", null),
    EARLY("early", "Early", null),
    SHORT_VISIT("short-visit", "Shorter than planned", null),
    DOUBLE_UP_LATE("double-up-late", "Second worker of a double-up late", null);

    public static final String SYSTEM = Canonical.codeSystem("PayableReason");
    public static final String VALUE_SET = Canonical.valueSet("PayableReason");

    private final String code;
    private final String display;
    private final String definition;

    PayableReason(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<PayableReason> fromCode(String code) {
        return CareBridgeCode.lookup(PayableReason.class, code);
    }
}
