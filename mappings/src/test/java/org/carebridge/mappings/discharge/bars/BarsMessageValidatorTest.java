package org.carebridge.mappings.discharge.bars;

import static org.carebridge.mappings.discharge.bars.BarsFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One change at a time to the (NHS-number-corrected) BaRS validation request, and the verdict each earns. */
class BarsMessageValidatorTest {
    private final BarsMessageValidator validator = new BarsMessageValidator(TENANT);
    /** The same tenant, also known by its ODS code. */
    private final BarsMessageValidator withOds =
            new BarsMessageValidator(new BarsReceiver("kent", Set.of(EXAMPLE_ENDPOINT), "KCC01"));

    private static MessageHeader header(Bundle b) {
        return (MessageHeader) b.getEntryFirstRep().getResource();
    }

    private static <T> T first(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    private static Organization org(Bundle b, String fullUrl) {
        return b.getEntry().stream().filter(e -> fullUrl.equals(e.getFullUrl())).map(e -> (Organization) e.getResource())
                .findFirst().orElseThrow();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                rejected("wrong destination endpoint", b -> header(b).getDestinationFirstRep().setEndpoint("http://fhir.nhs.uk/Id/dos-service-id|999"),
                        422, BarsError.REC_UNPROCESSABLE_ENTITY, "MessageHeader.destination.endpoint"),
                rejected("no destination", b -> header(b).getDestination().clear(),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.destination"),
                rejected("receiver not in the bundle", b -> header(b).getDestinationFirstRep().setReceiver(new Reference("urn:uuid:nowhere")),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.destination.receiver"),
                rejected("receiver is another organisation", b -> org(b, "urn:uuid:10397afd-479c-42ea-9d5d-e4024481e0f8")
                                .addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("X99")),
                        422, BarsError.REC_UNPROCESSABLE_ENTITY, "MessageHeader.destination.receiver"),
                rejected("no reason", b -> header(b).setReason(null),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.reason"),
                rejected("reason not new/update", b -> header(b).getReason().getCodingFirstRep().setCode("cancel"),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.reason"),
                rejected("no definition", b -> header(b).setDefinition(null),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.definition"),
                rejected("definition of another event", b -> header(b).setDefinition("https://fhir.nhs.uk/MessageDefinition/bars-message-booking-request"),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.definition"),
                rejected("unknown event code", b -> header(b).getEventCoding().setCode("referral-please"),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.eventCoding.code"),
                rejected("booking event", b -> header(b).getEventCoding().setCode("booking-request"),
                        501, BarsError.REC_NOT_IMPLEMENTED, "MessageHeader.eventCoding.code"),
                rejected("no sender", b -> header(b).setSender(null),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.sender"),
                rejected("sender without ODS code", b -> org(b, "urn:uuid:07939a0c-2854-46ff-9282-ad906bc93679").getIdentifier().clear(),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.sender"),
                rejected("focus is the patient", b -> header(b).getFocusFirstRep().setReference("urn:uuid:9589fb37-87a2-48d8-968f-b371429208a8"),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.focus"),
                rejected("two foci", b -> header(b).addFocus(new Reference("urn:uuid:9589fb37-87a2-48d8-968f-b371429208a8")),
                        400, BarsError.REC_BAD_REQUEST, "MessageHeader.focus"),
                rejected("cancellation sent as new", b -> first(b, ServiceRequest.class).setStatus(ServiceRequest.ServiceRequestStatus.ENTEREDINERROR),
                        400, BarsError.REC_BAD_REQUEST, "ServiceRequest.status"),
                rejected("revoked with reason new", b -> first(b, ServiceRequest.class).setStatus(ServiceRequest.ServiceRequestStatus.REVOKED),
                        400, BarsError.REC_BAD_REQUEST, "ServiceRequest.status"),
                rejected("patient without NHS number", b -> first(b, Patient.class).getIdentifier().clear(),
                        400, BarsError.REC_BAD_REQUEST, "Patient.identifier"),
                rejected("NHS number of nine digits", b -> first(b, Patient.class).getIdentifierFirstRep().setValue("943476591"),
                        400, BarsError.REC_BAD_REQUEST, "Patient.identifier"),
                rejected("subject not in the bundle", b -> first(b, ServiceRequest.class).setSubject(new Reference("Patient/elsewhere")),
                        400, BarsError.REC_BAD_REQUEST, "ServiceRequest.subject"),
                rejected("MessageHeader not first", b -> b.getEntry().add(b.getEntry().remove(0)),
                        400, BarsError.REC_BAD_REQUEST, "Bundle.entry[0]"),
                rejected("no Bundle id", b -> b.setId((String) null),
                        400, BarsError.REC_BAD_REQUEST, "Bundle.id"));
    }

    private static Arguments rejected(String name, Consumer<Bundle> change, int status, BarsError error, String expression) {
        return Arguments.of(name, change, status, error, expression);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejects(String name, Consumer<Bundle> change, int status, BarsError error, String expression) {
        Bundle b = withValidNhsNumber(VALIDATION_REQUEST);
        change.accept(b);

        BarsValidation v = withOds.validate(b, BarsHeaders.none());

        assertFalse(v.accepted(), name);
        assertEquals(status, v.httpStatus(), () -> v.issues().toString());
        assertEquals(error, v.issues().get(0).error());
        assertTrue(v.issues().stream().anyMatch(i -> expression.equals(i.expression())), () -> v.issues().toString());
        v.issues().forEach(i -> assertFalse(i.diagnostics().contains(VALID_NHS), "no NHS number in diagnostics"));
    }

    @Test
    void contentIssuesAreReportedTogether() {
        Bundle b = withValidNhsNumber(VALIDATION_REQUEST);
        header(b).setReason(null);
        header(b).setDefinition(null);
        first(b, Patient.class).getIdentifier().clear();

        BarsValidation v = validator.validate(b, BarsHeaders.none());

        assertEquals(3, v.issues().size(), () -> v.issues().toString());
        assertEquals(3, v.toOperationOutcome(java.util.UUID.randomUUID()).getIssue().size());
    }

    @Test
    void revokedWithReasonUpdateIsACancellation() {
        Bundle b = withValidNhsNumber(VALIDATION_REQUEST);
        header(b).getReason().getCodingFirstRep().setCode("update");
        first(b, ServiceRequest.class).setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);

        ReferralMessage m = validator.validate(b, BarsHeaders.none()).referral().orElseThrow();

        assertEquals(ReferralMessage.Action.CANCEL, m.action());
        assertEquals("revoked", m.serviceRequestStatus());
    }

    @Test
    void reasonUpdateIsAnUpdate() {
        Bundle b = withValidNhsNumber(VALIDATION_REQUEST);
        header(b).getReason().getCodingFirstRep().setCode("update");
        assertEquals(ReferralMessage.Action.UPDATE, validator.validate(b, BarsHeaders.none()).referral().orElseThrow().action());
    }

    @Test
    void receiverWithOurOdsCodeAndNhsNumberWithSpacesAreAccepted() {
        BarsMessageValidator kent = new BarsMessageValidator(new BarsReceiver("kent", Set.of(EXAMPLE_ENDPOINT), "KCC01"));
        Bundle b = withValidNhsNumber(VALIDATION_REQUEST);
        org(b, "urn:uuid:10397afd-479c-42ea-9d5d-e4024481e0f8")
                .addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("KCC01"));
        first(b, Patient.class).getIdentifierFirstRep().setValue("943 476 5919");

        ReferralMessage m = kent.validate(b, BarsHeaders.none()).referral().orElseThrow();

        assertEquals(VALID_NHS, m.nhsNumber());
    }

    @Test
    void anInpatientEncounterOrADischargeCategoryMarksADischarge() {
        Bundle b = withValidNhsNumber(VALIDATION_REQUEST);
        first(b, Encounter.class).getClass_().setCode("IMP");
        assertTrue(validator.validate(b, BarsHeaders.none()).referral().orElseThrow().discharge());

        Bundle c = withValidNhsNumber(VALIDATION_REQUEST);
        first(c, ServiceRequest.class).addCategory(new CodeableConcept(new Coding("https://example.org/cs", "hospital-discharge", "Hospital discharge")));
        assertTrue(validator.validate(c, BarsHeaders.none()).referral().orElseThrow().discharge());
    }
}
