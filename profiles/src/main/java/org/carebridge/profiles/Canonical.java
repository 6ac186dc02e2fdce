package org.carebridge.profiles;

/**
 * The canonical URLs and identifier systems the gateway publishes. Every module refers to these, so a profile,
 * a mapping and a search all agree on one spelling.
 */
public final class Canonical {
    private Canonical() {}

    public static final String BASE = "https://fhir.carebridge.org.uk";
    public static final String STRUCTURE_DEFINITION = BASE + "/StructureDefinition/";
    public static final String CODE_SYSTEM = BASE + "/CodeSystem/";
    public static final String VALUE_SET = BASE + "/ValueSet/";
    public static final String SEARCH_PARAMETER = BASE + "/SearchParameter/";

    /** Extensions are StructureDefinitions named Extension-CareBridge-*. */
    public static String extension(String name) {
        return STRUCTURE_DEFINITION + "Extension-CareBridge-" + name;
    }

    public static String profile(String name) {
        return STRUCTURE_DEFINITION + "CareBridge-" + name;
    }

    public static String codeSystem(String name) {
        return CODE_SYSTEM + "CareBridge-" + name;
    }

    public static String valueSet(String name) {
        return VALUE_SET + "CareBridge-" + name;
    }

    // Identifier systems from national standards (shared/standards.md).
    public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String ODS_ORGANIZATION = "https://fhir.nhs.uk/Id/ods-organization-code";
    public static final String NHS_NUMBER_VERIFICATION_STATUS_EXT =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    public static final String NHS_NUMBER_VERIFICATION_STATUS_CS =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";

    // Identifier systems of our own: values are unique within one tenant (council); the store scopes by tenant.
    public static final String CQC_LOCATION = BASE + "/Id/cqc-location-id";
    public static final String MOSAIC_PERSON = BASE + "/Id/mosaic-person-id";
    public static final String MOSAIC_PLAN = BASE + "/Id/mosaic-plan-id";
    public static final String MOSAIC_ORDER = BASE + "/Id/mosaic-order-number";
    public static final String MOSAIC_WORKER = BASE + "/Id/mosaic-worker-id";
    public static final String ECM_VISIT = BASE + "/Id/ecm-visit-id";
    public static final String ECM_EVENT = BASE + "/Id/ecm-event-id";
    public static final String CARE_WORKER_PSEUDONYM = BASE + "/Id/care-worker-pseudonym";
    public static final String REFERRAL = BASE + "/Id/referral-id";
    public static final String ACCESS_ARRANGEMENT_REF = BASE + "/Id/access-arrangement-ref";

    /** meta.security label put on a resource from which elements were removed for the reader's role. */
    public static final String REDACTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    public static final String REDACTED_CODE = "REDACTED";
}
