package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Restricted flag type: Flags that restrict what travels with a person's record (H:3765-3770, K:2161-2163). */
public enum RestrictedFlagType implements CareBridgeCode {
    ACCESS_ARRANGEMENT("access-arrangement", "Access arrangement", "Key safe or entry code held by reference only; the code never travels with name or address."),
    SHARING_OBJECTION("sharing-objection", "Sharing objection", "The person objects to sharing; safeguarding concerns are still reported."),
    SAFEGUARDING("safeguarding", "Safeguarding", "A safeguarding concern is open."),
    RESTRICTED("restricted", "Restricted person", "Share on a need-to-know basis only (H:3765-3770).");

    public static final String SYSTEM = Canonical.codeSystem("RestrictedFlagType");
    public static final String VALUE_SET = Canonical.valueSet("RestrictedFlagType");

    private final String code;
    private final String display;
    private final String definition;

    RestrictedFlagType(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<RestrictedFlagType> fromCode(String code) {
        return CareBridgeCode.lookup(RestrictedFlagType.class, code);
    }
}
