package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Notification reason: Events the council must be told of immediately (K:2315-2342, K:1873). */
public enum NotificationReason implements CareBridgeCode {
    SAFEGUARDING("safeguarding", "Safeguarding concern", null),
    SERIOUS_INCIDENT("serious-incident", "Emergency or serious incident", null),
    HOSPITAL_ADMISSION("hospital-admission", "Hospital admission", null),
    DEATH("death", "Death of the person", null),
    REPEATED_REFUSAL("repeated-refusal", "Three or more consecutive refusals", null),
    MISSED_CALL("missed-call", "Missed call", null),
    LATE_CALL("late-call", "Late call", null),
    VOID_CALL("void-call", "Void call", null),
    NO_RESPONSE_CALL("no-response-call", "No response call", null),
    FLEX_HOURS("flex-hours", "Flex hours above or below the SDO", null),
    DETERIORATION("deterioration", "Deterioration in health or well-being", null),
    IMPROVEMENT("improvement", "Improvement in circumstances or mental capacity", null),
    GOAL_ACHIEVED("goal-achieved", "Goal or outcome achieved", null),
    EMERGENCY_EXTRA_HOUR("emergency-extra-hour", "Emergency extra hour delivered without prior consent", "K:1873."),
    MISSED_VISIT("missed-visit", "Missed visit", "Raised by visit verification (ECM)."),
    LATE_VISIT("late-visit", "Late visit", "Raised by visit verification (ECM)."),
    NO_RESPONSE("no-response", "No response at the door", "Raised by visit verification (ECM)."),
    REFUSAL("refusal", "Care refused", "Raised by visit verification (ECM); repeated-refusal after three."),
    PACKAGE_SUSPENSION_DUE("package-suspension-due", "Package suspension due", "The person has been in hospital long enough for the package to be suspended (H:3699-3705).");

    public static final String SYSTEM = Canonical.codeSystem("NotificationReason");
    public static final String VALUE_SET = Canonical.valueSet("NotificationReason");

    private final String code;
    private final String display;
    private final String definition;

    NotificationReason(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<NotificationReason> fromCode(String code) {
        return CareBridgeCode.lookup(NotificationReason.class, code);
    }
}
