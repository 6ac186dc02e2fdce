package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Night support: Kind of night service (K:880-887). */
public enum NightSupport implements CareBridgeCode {
    WAKING("waking", "Waking night", "The worker remains awake throughout the night."),
    SLEEPING("sleeping", "Sleeping night", "The worker sleeps and is disturbed only when assistance is required.");

    public static final String SYSTEM = Canonical.codeSystem("NightSupport");
    public static final String VALUE_SET = Canonical.valueSet("NightSupport");

    private final String code;
    private final String display;
    private final String definition;

    NightSupport(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<NightSupport> fromCode(String code) {
        return CareBridgeCode.lookup(NightSupport.class, code);
    }
}
