package org.carebridge.mappings.mosaic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The coded values of the extract (the enumerations of mosaic-extract.xsd) with their display text. The validator
 * checks against these; the mapper puts the same codes in the CareBridge code systems.
 */
public final class MosaicCodes {
    private MosaicCodes() {}

    public static final Set<String> EXTRACT_TYPES = Set.of("full", "delta");
    public static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    public static final Set<String> CONTACT_ROLES = Set.of("next-of-kin", "representative");
    public static final Set<String> PLAN_STATUSES = Set.of("draft", "active", "ended");
    public static final Set<String> FREQUENCIES = Set.of("day", "week", "four-weeks");
    public static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public static final Map<String, String> NHS_NUMBER_VERIFICATION = ordered(
            "01", "Number present and verified",
            "02", "Number present but not traced",
            "03", "Trace required",
            "04", "Trace attempted - No match or multiple match found",
            "05", "Trace needs to be resolved - (NHS Number or patient detail conflict)",
            "06", "Trace in progress",
            "07", "Number not present and trace not required",
            "08", "Trace postponed (baby under six weeks old)");

    public static final Map<String, String> CAPACITY = ordered(
            "has-capacity", "Has capacity to make decisions about care and support",
            "lacks-capacity", "Lacks capacity to make decisions about care and support",
            "fluctuating", "Fluctuating capacity",
            "not-assessed", "Capacity not assessed");

    public static final Map<String, String> OUTCOME_TYPES = ordered(
            "personal-outcome", "Personal outcome",
            "agreed-outcome", "Agreed outcome",
            "goal", "Goal");

    public static final Map<String, String> RURALITY = ordered(
            "urban", "Urban",
            "rural-town-fringe", "Rural town and fringe",
            "rural-village-dispersed", "Rural village and dispersed");

    public static final Map<String, String> CLIENT_GROUPS = ordered(
            "older-people", "Older people",
            "dementia", "People with dementia",
            "physical-disability", "People with a physical disability",
            "learning-disability", "People with a learning disability",
            "mental-health", "People with mental health needs",
            "sensory", "People with sensory needs",
            "complex-behaviour", "People with challenging and complex behaviour",
            "cognitive-impairment", "People with a cognitive impairment, acquired brain injury or stroke",
            "substance-misuse", "People who misuse substances",
            "continuing-health-care", "People eligible for continuing health care",
            "long-term-condition", "People with long term conditions",
            "palliative", "People receiving palliative care",
            "end-of-life", "People receiving end of life care");

    public static final Map<String, String> REPRESENTATIVE_AUTHORITY = ordered(
            "lpa-health-welfare", "Lasting power of attorney (health and welfare)",
            "lpa-property-finance", "Lasting power of attorney (property and financial affairs)",
            "deputy", "Court of Protection deputy",
            "advocate", "Advocate",
            "other", "Other representative");

    public static final Map<String, String> OBJECTION_SCOPES = ordered(
            "provider", "Sharing with care providers",
            "health", "Sharing with health services",
            "family", "Sharing with family and friends",
            "all", "All sharing beyond the council");

    public static final Map<String, String> NIGHT_SUPPORT = ordered(
            "none", "No night support",
            "waking", "Waking night support",
            "sleeping", "Sleeping night support");

    public static final Map<String, String> REVIEW_TYPES = ordered(
            "first", "First review",
            "scheduled", "Scheduled review",
            "unscheduled", "Unscheduled review");

    public static final Map<String, String> ORDER_KINDS = ordered(
            "SDO", "Service delivery order",
            "FAN", "Financial activation notice",
            "PO", "Purchase order");

    public static final Map<String, String> SERVICE_LINES = ordered(
            "home-care", "Home care",
            "supporting-independence", "Supporting Independence Service",
            "supporting-independence-plus", "Supporting Independence Service Plus",
            "extra-care", "Extra care",
            "discharge-to-assess", "Discharge to Assess");

    public static final Map<String, String> SUPPORT_LEVELS = ordered(
            "standard", "Standard",
            "complex", "Complex");

    public static final Map<String, String> UNITS_OF_PURCHASE = ordered(
            "hour", "Hour",
            "half-hour", "Half hour",
            "three-quarter-hour", "Three-quarter hour",
            "visit", "Visit",
            "night", "Night",
            "week", "Week");

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
