package org.carebridge.mappings.mosaic;

import org.carebridge.profiles.Canonical;

/**
 * URLs the Mosaic mapping needs beyond those in {@link Canonical}. Kept here (not in Canonical) so that branches
 * merge cleanly; the profiles module should define a StructureDefinition / CodeSystem for each.
 */
public final class MosaicSystems {
    private MosaicSystems() {}

    /** Mosaic team id (case held by a team rather than a named worker). */
    public static final String MOSAIC_TEAM = Canonical.BASE + "/Id/mosaic-team-id";

    /** Complex extension on ServiceRequest: one planned call (days, time, minutes, workers, time critical). */
    public static final String PLANNED_CALL_EXT = Canonical.extension("PlannedCall");
    /** ServiceRequest: the council's order status (Canonical.codeSystem("OrderStatus")). */
    public static final String ORDER_STATUS_EXT = Canonical.extension("OrderStatus");
    /** Patient: the person's primary client group (Canonical.codeSystem("ClientGroup")). */
    public static final String CLIENT_GROUP_EXT = Canonical.extension("ClientGroup");
    /** Patient: mental capacity as recorded in Mosaic (CS MentalCapacity). */
    public static final String MENTAL_CAPACITY_EXT = Canonical.extension("MentalCapacity");
    /** Patient: communication and cultural needs, free text (H:1281). */
    public static final String COMMUNICATION_NEEDS_EXT = Canonical.extension("CommunicationNeeds");

    public static final String MENTAL_CAPACITY_CS = Canonical.codeSystem("MentalCapacity");
    public static final String PERSON_FLAG_CS = Canonical.codeSystem("PersonFlag");
    public static final String SHARING_SCOPE_CS = Canonical.codeSystem("SharingScope");
    public static final String OUTCOME_TYPE_CS = Canonical.codeSystem("OutcomeType");
    public static final String NEED_STATUS_CS = Canonical.codeSystem("NeedStatus");
    public static final String REPRESENTATIVE_AUTHORITY_CS = Canonical.codeSystem("RepresentativeAuthority");
    public static final String RURALITY_CLASS_CS = Canonical.codeSystem("RuralityClass");

    // Code systems from HL7 that the mapping uses.
    public static final String V2_CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131";
    public static final String V3_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String BCP47 = "urn:ietf:bcp:47";
    public static final String INTERPRETER_REQUIRED_EXT =
            "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
}
