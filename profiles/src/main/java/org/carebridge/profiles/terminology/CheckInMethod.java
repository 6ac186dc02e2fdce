package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Check-in method: How a visit was recorded (H:3264-3266). */
public enum CheckInMethod implements CareBridgeCode {
    APP("app", "App", "Recorded automatically by the worker's app."),
    TELEPHONY("telephony", "Telephony", "Recorded automatically by a call from the person's landline."),
    MANUAL("manual", "Manual", "Entered manually afterwards (needs a reason; H:3277).");

    public static final String SYSTEM = Canonical.codeSystem("CheckInMethod");
    public static final String VALUE_SET = Canonical.valueSet("CheckInMethod");

    private final String code;
    private final String display;
    private final String definition;

    CheckInMethod(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<CheckInMethod> fromCode(String code) {
        return CareBridgeCode.lookup(CheckInMethod.class, code);
    }
}
