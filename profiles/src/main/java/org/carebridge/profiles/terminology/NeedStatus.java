package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Need status: Whether an eligible need is met by the plan. */
public enum NeedStatus implements CareBridgeCode {
    MET("met", "Eligible need met by the plan", null),
    UNMET("unmet", "Eligible need not met", null);

    public static final String SYSTEM = Canonical.codeSystem("NeedStatus");
    public static final String VALUE_SET = Canonical.valueSet("NeedStatus");

    private final String code;
    private final String display;
    private final String definition;

    NeedStatus(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<NeedStatus> fromCode(String code) {
        return CareBridgeCode.lookup(NeedStatus.class, code);
    }
}
