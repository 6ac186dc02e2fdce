package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Visit exception: Ways a visit departs from plan (K:1721-1724, K:2327, H:3103, H:532). */
public enum VisitException implements CareBridgeCode {
    LATE("late", "Late", "Started later than the contract tolerance after the planned time."),
    EARLY("early", "Early", "Started earlier than the contract tolerance before the planned time."),
    MISSED("missed", "Missed", "Not made, or started too late to count (Kent: over 2 hours, K:1724)."),
    VOID("void", "Void", "The call was made but no care could be delivered."),
    NO_RESPONSE("no-response", "No response", "The worker got no reply at the door."),
    REFUSED("refused", "Refused", "The person refused the care offered (H:532)."),
    SHORT_VISIT("short-visit", "Short visit", "Shorter than the planned duration beyond tolerance."),
    DOUBLE_UP_LATE("double-up-late", "Double-up late", "The second worker of a double-handed call arrived late."),
    MANUAL_ENTRY_LATE("manual-entry-late", "Manual entry late", "Entered manually more than 24 hours afterwards (H:3277).");

    public static final String SYSTEM = Canonical.codeSystem("VisitException");
    public static final String VALUE_SET = Canonical.valueSet("VisitException");

    private final String code;
    private final String display;
    private final String definition;

    VisitException(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<VisitException> fromCode(String code) {
        return CareBridgeCode.lookup(VisitException.class, code);
    }
}
