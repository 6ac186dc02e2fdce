package org.carebridge.mappings.discharge.bars;

import static org.carebridge.mappings.discharge.bars.BarsFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class BarsResponseBuilderTest {
    private static final BarsReceiver COUNCIL = new BarsReceiver("kent", Set.of(EXAMPLE_ENDPOINT), "KCC01");

    private static Supplier<UUID> sequentialIds() {
        AtomicLong n = new AtomicLong();
        return () -> new UUID(0, n.incrementAndGet());
    }

    @Test
    void anAcceptedRequestIsAnsweredOkAndTheAnswerIsItselfAValidBarsResponse() {
        ReferralMessage request = new BarsMessageValidator(TENANT)
                .validate(withValidNhsNumber(VALIDATION_REQUEST), BarsHeaders.none()).referral().orElseThrow();
        Bundle original = withValidNhsNumber(VALIDATION_REQUEST);
        ServiceRequest sr = (ServiceRequest) original.getEntry().get(1).getResource();
        Patient patient = original.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
        var held = new BarsResponseBuilder.Focus(request.serviceRequestRef(), sr, sr.getSubject().getReference(), patient);

        Bundle reply = new BarsResponseBuilder(COUNCIL, sequentialIds()).build(request.bundleId(), request.sourceEndpoint(),
                request.senderOds(), request.reason(), held, List.of(), Instant.parse("2026-01-05T10:00:00Z"));

        MessageHeader h = (MessageHeader) reply.getEntryFirstRep().getResource();
        assertEquals(Bundle.BundleType.MESSAGE, reply.getType());
        assertEquals("servicerequest-response", h.getEventCoding().getCode());
        assertEquals(BarsCodes.MESSAGE_EVENTS, h.getEventCoding().getSystem());
        assertEquals("86e3371d-1c15-4862-9552-d9560f8292ba", h.getResponse().getIdentifier());
        assertEquals(MessageHeader.ResponseType.OK, h.getResponse().getCode());
        assertEquals("http://fhir.nhs.uk/Id/dos-service-id|2222222222", h.getDestinationFirstRep().getEndpoint());
        assertEquals(EXAMPLE_ENDPOINT, h.getSource().getEndpoint());
        assertFalse(h.getResponse().hasDetails());

        // Round trip: the hospital, validating our response with the same rules, accepts it.
        BarsReceiver hospital = new BarsReceiver("hospital", Set.of("http://fhir.nhs.uk/Id/dos-service-id|2222222222"), "RND");
        String json = FHIR.newJsonParser().encodeResourceToString(reply);
        BarsValidation atHospital = new BarsMessageValidator(hospital)
                .validate(FHIR.newJsonParser().parseResource(Bundle.class, json), BarsHeaders.none());
        assertTrue(atHospital.accepted(), () -> atHospital.issues().toString());
        assertEquals(request.bundleId(), atHospital.referral().orElseThrow().response().identifier());
    }

    @Test
    void aRejectionCarriesTheOperationOutcomeAndAFatalOrTransientCode() {
        List<BarsIssue> bad = List.of(BarsIssue.value("Patient.identifier", "the Patient's NHS number fails the modulus 11 check"));
        Bundle reply = new BarsResponseBuilder(COUNCIL, sequentialIds()).build("req-1", "http://hospital|1", "RND",
                ReferralMessage.Reason.NEW, null, bad, Instant.parse("2026-01-05T10:00:00Z"));

        MessageHeader h = (MessageHeader) reply.getEntryFirstRep().getResource();
        assertEquals(MessageHeader.ResponseType.FATALERROR, h.getResponse().getCode());
        String detailsRef = h.getResponse().getDetails().getReference();
        OperationOutcome oo = reply.getEntry().stream().filter(e -> detailsRef.equals(e.getFullUrl()))
                .map(e -> (OperationOutcome) e.getResource()).findFirst().orElseThrow();
        assertEquals("REC_BAD_REQUEST", oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode());

        assertEquals("transient-error", BarsOutcomes.responseCode(List.of(
                new BarsIssue(OperationOutcome.IssueType.TRANSIENT, BarsError.REC_SERVICE_UNAVAILABLE, null, "down"))));
    }
}
