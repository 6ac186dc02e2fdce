package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Service line: The commissioned service an order is for (Kent K:49-101; H&F home care and independent living). */
public enum ServiceLine implements CareBridgeCode {
    HOME_CARE("home-care", "Home Care", "Care and support in the person's own home (formerly domiciliary care)."),
    SUPPORTING_INDEPENDENCE("supporting-independence", "Supporting Independence Service", "Support to live independently (K:49)."),
    SUPPORTING_INDEPENDENCE_PLUS("supporting-independence-plus", "Supporting Independence Service Plus", "The service offer for more complex needs (K:51)."),
    EXTRA_CARE("extra-care", "Extra Care Support", "Flexible care and support hours within an Extra Care housing scheme (K:77)."),
    DISCHARGE_TO_ASSESS("discharge-to-assess", "Discharge to Assess", "Wrap-around support at home for up to three days (+2) after hospital discharge (K:85, K:102)."),
    HOME_CARE_INDEPENDENT_LIVING("home-care-independent-living", "Home Care and Independent Living", "H&F home care and independent living package (H:794).");

    public static final String SYSTEM = Canonical.codeSystem("ServiceLine");
    public static final String VALUE_SET = Canonical.valueSet("ServiceLine");

    private final String code;
    private final String display;
    private final String definition;

    ServiceLine(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<ServiceLine> fromCode(String code) {
        return CareBridgeCode.lookup(ServiceLine.class, code);
    }
}
