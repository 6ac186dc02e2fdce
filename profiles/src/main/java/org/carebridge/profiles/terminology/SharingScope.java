package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Sharing scope: Whom a sharing objection covers. */
public enum SharingScope implements CareBridgeCode {
    PROVIDER("provider", "Sharing with care providers", null),
    HEALTH("health", "Sharing with health services", null),
    FAMILY("family", "Sharing with family and friends", null),
    ALL("all", "All sharing beyond the council", null);

    public static final String SYSTEM = Canonical.codeSystem("SharingScope");
    public static final String VALUE_SET = Canonical.valueSet("SharingScope");

    private final String code;
    private final String display;
    private final String definition;

    SharingScope(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<SharingScope> fromCode(String code) {
        return CareBridgeCode.lookup(SharingScope.class, code);
    }
}
