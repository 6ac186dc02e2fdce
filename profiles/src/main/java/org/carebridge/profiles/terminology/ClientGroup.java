package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Client group: Groups of adults the service supports (K:10-14, H:370-394). */
public enum ClientGroup implements CareBridgeCode {
    OLDER_PEOPLE("older-people", "Older people", null),
    DEMENTIA("dementia", "People with dementia", null),
    PHYSICAL_DISABILITY("physical-disability", "People with a physical disability", null),
    LEARNING_DISABILITY("learning-disability", "People with a learning disability", null),
    MENTAL_HEALTH("mental-health", "People with mental health needs", null),
    SENSORY("sensory", "People with sensory needs", null),
    CHALLENGING_BEHAVIOUR("challenging-behaviour", "People with challenging and complex behaviour", null),
    COGNITIVE_IMPAIRMENT("cognitive-impairment", "People with a cognitive impairment, acquired brain injury or stroke", null),
    SUBSTANCE_MISUSE("substance-misuse", "People who misuse substances", null),
    CONTINUING_HEALTH_CARE("continuing-health-care", "People eligible for continuing health care", null),
    LONG_TERM_CONDITIONS("long-term-conditions", "People with long term conditions including neurological conditions", null),
    PALLIATIVE_CARE("palliative-care", "People receiving palliative care", null),
    END_OF_LIFE("end-of-life", "People receiving End of Life care", null),
    PHYSICAL_ILL_HEALTH("physical-ill-health", "People with physical ill health", null),
    CHAOTIC_LIFESTYLE("chaotic-lifestyle", "People with chaotic lifestyles", null),
    COMPLEX_BEHAVIOUR("complex-behaviour", "People with challenging and complex behaviour", "Mosaic extract code for challenging-behaviour."),
    LONG_TERM_CONDITION("long-term-condition", "People with long term conditions", "Mosaic extract code for long-term-conditions."),
    PALLIATIVE("palliative", "People receiving palliative care", "Mosaic extract code for palliative-care.");

    public static final String SYSTEM = Canonical.codeSystem("ClientGroup");
    public static final String VALUE_SET = Canonical.valueSet("ClientGroup");

    private final String code;
    private final String display;
    private final String definition;

    ClientGroup(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<ClientGroup> fromCode(String code) {
        return CareBridgeCode.lookup(ClientGroup.class, code);
    }
}
