package org.carebridge.mappings.mosaic;

import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.Profiles;
import org.carebridge.profiles.terminology.MentalCapacity;
import org.carebridge.profiles.terminology.NeedStatus;
import org.carebridge.profiles.terminology.OutcomeType;
import org.carebridge.profiles.terminology.RepresentativeAuthority;
import org.carebridge.profiles.terminology.RestrictedFlagType;
import org.carebridge.profiles.terminology.RuralityClass;
import org.carebridge.profiles.terminology.SharingScope;

/**
 * The names the Mosaic mapping uses, as aliases of what the profiles module publishes ({@link Profiles},
 * {@link Canonical}, the terminology enums), so the mapping cannot emit a URL the implementation guide does not
 * define. Kept so existing code that names these constants keeps compiling.
 */
public final class MosaicSystems {
    private MosaicSystems() {}

    /** Mosaic team id (case held by a team rather than a named worker). */
    public static final String MOSAIC_TEAM = Canonical.BASE + "/Id/mosaic-team-id";

    /** Complex extension on ServiceRequest: one planned call (days, time, minutes, workers, time critical). */
    public static final String PLANNED_CALL_EXT = Profiles.Ext.PLANNED_CALL;
    /** ServiceRequest: the council's order status (OrderStatus code system). */
    public static final String ORDER_STATUS_EXT = Profiles.Ext.ORDER_STATUS;
    /** Patient: the person's primary client group (ClientGroup code system). */
    public static final String CLIENT_GROUP_EXT = Profiles.Ext.CLIENT_GROUP;
    /** Patient: mental capacity as recorded in Mosaic (MentalCapacity code system). */
    public static final String MENTAL_CAPACITY_EXT = Profiles.Ext.MENTAL_CAPACITY;
    /** Patient: communication and cultural needs, free text (H:1281). */
    public static final String COMMUNICATION_NEEDS_EXT = Profiles.Ext.COMMUNICATION_NEEDS;

    public static final String MENTAL_CAPACITY_CS = MentalCapacity.SYSTEM;
    /** Restricted-person flags: the RestrictedFlagType code system (code "restricted"). */
    public static final String PERSON_FLAG_CS = RestrictedFlagType.SYSTEM;
    public static final String SHARING_SCOPE_CS = SharingScope.SYSTEM;
    public static final String OUTCOME_TYPE_CS = OutcomeType.SYSTEM;
    public static final String NEED_STATUS_CS = NeedStatus.SYSTEM;
    public static final String REPRESENTATIVE_AUTHORITY_CS = RepresentativeAuthority.SYSTEM;
    public static final String RURALITY_CLASS_CS = RuralityClass.SYSTEM;

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
