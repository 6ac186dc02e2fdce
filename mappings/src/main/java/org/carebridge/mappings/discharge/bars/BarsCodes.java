package org.carebridge.mappings.discharge.bars;

/** Code systems and URLs of the Booking and Referral Standard, spelt as in the BaRS specification's examples. */
public final class BarsCodes {
    private BarsCodes() {}

    public static final String MESSAGE_EVENTS = "https://fhir.nhs.uk/CodeSystem/message-events-bars";
    public static final String MESSAGE_REASON = "https://fhir.nhs.uk/CodeSystem/message-reason-bars";
    /** Note the lower-case "Codesystem": every BaRS OperationOutcome example spells it so. */
    public static final String HTTP_ERROR_CODES = "https://fhir.nhs.uk/Codesystem/http-error-codes";
    public static final String MESSAGE_DEFINITION_PREFIX = "https://fhir.nhs.uk/MessageDefinition/bars-message-";
    public static final String OPERATION_OUTCOME_PROFILE =
            "https://fhir.hl7.org.uk/StructureDefinition/UKCore-OperationOutcome";
    public static final String BUNDLE_PROFILE = "https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage";
    public static final String MESSAGE_HEADER_PROFILE_PREFIX = "https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-";
    public static final String DOS_SERVICE_ID = "http://fhir.nhs.uk/Id/dos-service-id";
}
