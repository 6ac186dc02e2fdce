package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Unit of purchase: Units in which care is purchased and paid (K:664-677, K:887, H:3293). */
public enum UnitOfPurchase implements CareBridgeCode {
    HALF_HOUR("half-hour", "Half hour", "Paid at 60% of the full hourly rate (Kent)."),
    THREE_QUARTER_HOUR("three-quarter-hour", "Three quarter hour", "Paid at 80% (Kent)."),
    HOUR("hour", "Full hour", "Paid at the full hourly rate."),
    SESSION("session", "Session", "Continuous support of more than one hour, pro rata."),
    NIGHT_SESSION("night-session", "Night session", "A 9-hour night support session (K:887)."),
    VISIT("visit", "Visit", "Paid per visit (Mosaic extracts)."),
    NIGHT("night", "Night", "Paid per night (Mosaic extracts; see night-session for the 9-hour session)."),
    WEEK("week", "Week", "Paid per week (Mosaic extracts).");

    public static final String SYSTEM = Canonical.codeSystem("UnitOfPurchase");
    public static final String VALUE_SET = Canonical.valueSet("UnitOfPurchase");

    private final String code;
    private final String display;
    private final String definition;

    UnitOfPurchase(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<UnitOfPurchase> fromCode(String code) {
        return CareBridgeCode.lookup(UnitOfPurchase.class, code);
    }
}
