package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Representative authority: The authority a representative holds. */
public enum RepresentativeAuthority implements CareBridgeCode {
    LPA_HEALTH_WELFARE("lpa-health-welfare", "Lasting power of attorney (health and welfare)", null),
    LPA_PROPERTY_FINANCE("lpa-property-finance", "Lasting power of attorney (property and financial affairs)", null),
    DEPUTY("deputy", "Court of Protection deputy", null),
    ADVOCATE("advocate", "Advocate", null),
    OTHER("other", "Other representative", null);

    public static final String SYSTEM = Canonical.codeSystem("RepresentativeAuthority");
    public static final String VALUE_SET = Canonical.valueSet("RepresentativeAuthority");

    private final String code;
    private final String display;
    private final String definition;

    RepresentativeAuthority(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<RepresentativeAuthority> fromCode(String code) {
        return CareBridgeCode.lookup(RepresentativeAuthority.class, code);
    }
}
