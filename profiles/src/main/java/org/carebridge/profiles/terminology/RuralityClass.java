package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Rurality class: Rurality index of the person's postcode (K:694-711). */
public enum RuralityClass implements CareBridgeCode {
    URBAN_MAJOR_CONURBATION("urban-major-conurbation", "Urban Major Conurbation", "No uplift."),
    URBAN_CITY_TOWN("urban-city-town", "Urban City and Town", "No uplift."),
    RURAL_TOWN_FRINGE("rural-town-fringe", "Rural Town and Fringe", "+5% uplift (Kent)."),
    RURAL_VILLAGE_DISPERSED("rural-village-dispersed", "Rural Village and Dispersed", "+10% uplift (Kent)."),
    URBAN("urban", "Urban", "Urban, not further classified (Mosaic extracts); no uplift.");

    public static final String SYSTEM = Canonical.codeSystem("RuralityClass");
    public static final String VALUE_SET = Canonical.valueSet("RuralityClass");

    private final String code;
    private final String display;
    private final String definition;

    RuralityClass(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<RuralityClass> fromCode(String code) {
        return CareBridgeCode.lookup(RuralityClass.class, code);
    }
}
