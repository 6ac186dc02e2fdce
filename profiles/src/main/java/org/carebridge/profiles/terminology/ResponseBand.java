package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Response band: How quickly a provider must say whether it accepts a package, by start date (H:794-804). */
public enum ResponseBand implements CareBridgeCode {
    WITHIN_2H("within-2h", "Within 2 hours", "Package starts within 24 hours."),
    WITHIN_24H("within-24h", "Within 24 hours", "Package starts within the next 3 days."),
    WITHIN_48H("within-48h", "Within 48 hours", "Package starts within the next 4-7 days."),
    WITHIN_72H("within-72h", "Within 72 hours", "Package starts in 8 days or more.");

    public static final String SYSTEM = Canonical.codeSystem("ResponseBand");
    public static final String VALUE_SET = Canonical.valueSet("ResponseBand");

    private final String code;
    private final String display;
    private final String definition;

    ResponseBand(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<ResponseBand> fromCode(String code) {
        return CareBridgeCode.lookup(ResponseBand.class, code);
    }
}
