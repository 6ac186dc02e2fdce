package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Referral alert: Referral clocks missed, raised to brokerage (H:794-804). */
public enum ReferralAlert implements CareBridgeCode {
    ACKNOWLEDGEMENT_OVERDUE("acknowledgement-overdue", "Referral not acknowledged in time", null),
    RESPONSE_OVERDUE("response-overdue", "Referral not answered in time", null);

    public static final String SYSTEM = Canonical.codeSystem("ReferralAlert");
    public static final String VALUE_SET = Canonical.valueSet("ReferralAlert");

    private final String code;
    private final String display;
    private final String definition;

    ReferralAlert(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<ReferralAlert> fromCode(String code) {
        return CareBridgeCode.lookup(ReferralAlert.class, code);
    }
}
