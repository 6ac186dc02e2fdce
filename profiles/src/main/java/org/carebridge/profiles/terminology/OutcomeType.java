package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Outcome type: Kinds of outcome in a care and support plan (Care Act 2014 s.25). */
public enum OutcomeType implements CareBridgeCode {
    PERSONAL_OUTCOME("personal-outcome", "Personal outcome", null),
    AGREED_OUTCOME("agreed-outcome", "Agreed outcome", null),
    GOAL("goal", "Goal", null);

    public static final String SYSTEM = Canonical.codeSystem("OutcomeType");
    public static final String VALUE_SET = Canonical.valueSet("OutcomeType");

    private final String code;
    private final String display;
    private final String definition;

    OutcomeType(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<OutcomeType> fromCode(String code) {
        return CareBridgeCode.lookup(OutcomeType.class, code);
    }
}
