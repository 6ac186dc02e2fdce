package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Mental capacity: Mental capacity as recorded by the council (Mental Capacity Act 2005). */
public enum MentalCapacity implements CareBridgeCode {
    HAS_CAPACITY("has-capacity", "Has capacity to make decisions about care and support", null),
    LACKS_CAPACITY("lacks-capacity", "Lacks capacity to make decisions about care and support", null),
    FLUCTUATING("fluctuating", "Fluctuating capacity", null),
    NOT_ASSESSED("not-assessed", "Capacity not assessed", null);

    public static final String SYSTEM = Canonical.codeSystem("MentalCapacity");
    public static final String VALUE_SET = Canonical.valueSet("MentalCapacity");

    private final String code;
    private final String display;
    private final String definition;

    MentalCapacity(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<MentalCapacity> fromCode(String code) {
        return CareBridgeCode.lookup(MentalCapacity.class, code);
    }
}
