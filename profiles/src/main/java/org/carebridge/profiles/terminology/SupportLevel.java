package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Support level: Standard or Complex care and support (K:1498-1515). */
public enum SupportLevel implements CareBridgeCode {
    STANDARD("standard", "Standard", "Standard Care and Support in the Home."),
    COMPLEX("complex", "Complex", "Complex and/or challenging needs approved by the Practice Assurance Panel (K:1506-1510).");

    public static final String SYSTEM = Canonical.codeSystem("SupportLevel");
    public static final String VALUE_SET = Canonical.valueSet("SupportLevel");

    private final String code;
    private final String display;
    private final String definition;

    SupportLevel(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<SupportLevel> fromCode(String code) {
        return CareBridgeCode.lookup(SupportLevel.class, code);
    }
}
