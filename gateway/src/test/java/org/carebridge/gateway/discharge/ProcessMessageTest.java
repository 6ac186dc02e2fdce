package org.carebridge.gateway.discharge;

import static org.carebridge.gateway.discharge.BarsMessages.*;
import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * $process-message through the running gateway: every real BaRS example gets its documented outcome; a valid
 * referral creates the person, the council's order and a brokerage Task and is answered (synchronously, and
 * queued for source.endpoint); headers are required; replays return the first outcome and create nothing;
 * reason=update updates; a revoked ServiceRequest cancels.
 */
class ProcessMessageTest {
    private final IGenericClient kent = GatewayServer.client("kent");

    record Expect(int status, String code, String expression) {}

    private static final Expect NOT_A_MESSAGE = new Expect(400, "REC_BAD_REQUEST", "Bundle.type");
    private static final Expect BAD_NHS_NUMBER = new Expect(400, "REC_BAD_REQUEST", "Patient.identifier");
    private static final Expect LEGACY_EVENT_SYSTEM = new Expect(400, "REC_BAD_REQUEST", "MessageHeader.eventCoding.system");
    private static final Expect BOOKING = new Expect(501, "REC_NOT_IMPLEMENTED", "MessageHeader.eventCoding.code");

    /** Every Bundle among the BaRS examples and what the gateway answers (reasons in docs/discharge.md §1). */
    static final Map<String, Expect> EXPECTED = Map.ofEntries(
            Map.entry(VALIDATION_REQUEST, BAD_NHS_NUMBER),
            Map.entry("process_message/request/ValidationResponse (POST) .json", BAD_NHS_NUMBER),
            Map.entry("process_message/request/Booking (POST).json", BOOKING),
            Map.entry("process_message/POST-body.json", BOOKING),
            Map.entry("process_message/POST-success.json", LEGACY_EVENT_SYSTEM),
            Map.entry("process_message/response/Booking (HTTP Response) .json", LEGACY_EVENT_SYSTEM),
            Map.entry("process_message/response/ValidationRequest (HTTP Response) .json", LEGACY_EVENT_SYSTEM),
            Map.entry("message_definition/MessageDefinition_ServiceRequest-request_CaseTransfer.json", NOT_A_MESSAGE),
            Map.entry("service_request/GET-success.json", NOT_A_MESSAGE),
            Map.entry("slots/GET-success.json", NOT_A_MESSAGE),
            Map.entry("appointment/GET-success.json", NOT_A_MESSAGE),
            Map.entry("document_reference/GET-success.json", NOT_A_MESSAGE),
            Map.entry("document_reference/GET-success-empty.json", NOT_A_MESSAGE));

    static Stream<Arguments> examples() {
        return EXPECTED.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void everyExampleBundleHasAnExpectation() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(barsExamples())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (Files.readString(p).replace(" ", "").contains("\"resourceType\":\"Bundle\"")) {
                    found.add(barsExamples().relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        assertEquals(new TreeSet<>(EXPECTED.keySet()), new TreeSet<>(found));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachRealExampleGetsItsDocumentedOutcome(String example, Expect expect) {
        Response r = post("kent", "$process-message", example(example), UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertEquals(expect.status(), r.status(), r.body());
        OperationOutcome oo = outcome(r);
        assertEquals("https://fhir.nhs.uk/Codesystem/http-error-codes", oo.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem());
        assertEquals(expect.code(), oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode());
        assertEquals(expect.expression(), oo.getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void theValidationRequestWithAValidNhsNumberBecomesAPersonAnOrderAndABrokerageTask() {
        String nhs = newNhsNumber();
        Bundle message = referral(nhs, "R-" + UUID.randomUUID(), b -> {});
        Response r = post("kent", "$process-message", json(message), UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertEquals(200, r.status(), r.body());
        Bundle reply = (Bundle) GatewayServer.ctx().newJsonParser().parseResource(r.body());
        MessageHeader h = (MessageHeader) reply.getEntryFirstRep().getResource();
        assertEquals("servicerequest-response", h.getEventCoding().getCode());
        assertEquals(message.getIdElement().getIdPart(), h.getResponse().getIdentifier());
        assertEquals(MessageHeader.ResponseType.OK, h.getResponse().getCode());
        assertEquals("http://fhir.nhs.uk/Id/dos-service-id|2222222222", h.getDestinationFirstRep().getEndpoint());

        Patient person = onePatient(nhs);
        ServiceRequest order = orderOf(person);
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, order.getStatus());
        assertEquals(ServiceRequest.ServiceRequestIntent.ORDER, order.getIntent());
        assertTrue(order.getIdentifier().stream().anyMatch(i -> Canonical.REFERRAL.equals(i.getSystem())));
        Task brokerage = brokerageTask(order);
        assertEquals(Task.TaskStatus.REQUESTED, brokerage.getStatus());
        assertEquals("Patient/" + person.getIdElement().getIdPart(), brokerage.getFor().getReference());

        // source.endpoint is a directory id ("http://fhir.nhs.uk/Id/dos-service-id|2222222222"), not a URL the
        // gateway may POST to: no asynchronous response is queued for it (AsyncBarsResponseTest covers an https one).
        assertTrue(Notifications.about("kent", "ServiceRequest/" + order.getIdElement().getIdPart()).stream()
                .noneMatch(e -> e.endpoint() != null));
    }

    @Test
    void aKnownPersonIsMatchedByNhsNumberAndTheOrderLinkedToTheirPlan() {
        String nhs = newNhsNumber();
        Patient known = new Patient();
        known.addIdentifier(new Identifier().setSystem(Canonical.NHS_NUMBER).setValue(nhs));
        String patientId = kent.create().resource(known).execute().getId().getIdPart();
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setSubject(new Reference("Patient/" + patientId));
        String planId = kent.create().resource(plan).execute().getId().getIdPart();

        Response r = post("kent", "$process-message", json(referral(nhs, "R-" + UUID.randomUUID(), b -> {})),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertEquals(200, r.status(), r.body());
        assertEquals(patientId, onePatient(nhs).getIdElement().getIdPart(), "no second person");
        ServiceRequest order = orderOf(onePatient(nhs));
        assertTrue(order.getBasedOn().stream().anyMatch(ref -> ref.getReference().equals("CarePlan/" + planId)));
    }

    @Test
    void bothHeadersAreRequired() {
        String body = json(referral(newNhsNumber(), "R-" + UUID.randomUUID(), b -> {}));

        Response noRequestId = post("kent", "$process-message", body, null, UUID.randomUUID().toString());
        Response noCorrelationId = post("kent", "$process-message", body, UUID.randomUUID().toString(), null);

        assertEquals(400, noRequestId.status());
        assertEquals("X-Request-Id", outcome(noRequestId).getIssueFirstRep().getExpression().get(0).getValue());
        assertEquals(400, noCorrelationId.status());
        assertEquals("X-Correlation-Id", outcome(noCorrelationId).getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void aReplayReturnsTheFirstOutcomeAndCreatesNothing() {
        String nhs = newNhsNumber();
        String body = json(referral(nhs, "R-" + UUID.randomUUID(), b -> {}));
        String requestId = UUID.randomUUID().toString();

        Response first = post("kent", "$process-message", body, requestId, UUID.randomUUID().toString());
        Response again = post("kent", "$process-message", body, requestId, UUID.randomUUID().toString());

        assertEquals(200, first.status());
        assertEquals(200, again.status());
        assertEquals(responseHeader(first).getIdElement().getIdPart(), responseHeader(again).getIdElement().getIdPart(),
                "the same response message, not a new one");
        assertEquals(1, ordersOf(onePatient(nhs)).size());

        // the same X-Request-Id with another body is a conflict (BaRS conflict.json)
        Response other = post("kent", "$process-message", json(referral(nhs, "R-" + UUID.randomUUID(), b -> {})), requestId,
                UUID.randomUUID().toString());
        assertEquals(409, other.status());
        assertEquals("REC_CONFLICT", outcome(other).getIssueFirstRep().getDetails().getCodingFirstRep().getCode());
        assertEquals(OperationOutcome.IssueType.DUPLICATE, outcome(other).getIssueFirstRep().getCode());
        assertEquals(1, ordersOf(onePatient(nhs)).size());
    }

    @Test
    void aRejectionIsReplayedToo() {
        String body = example(VALIDATION_REQUEST);
        String requestId = UUID.randomUUID().toString();

        Response first = post("kent", "$process-message", body, requestId, UUID.randomUUID().toString());
        Response again = post("kent", "$process-message", body, requestId, UUID.randomUUID().toString());

        assertEquals(400, first.status());
        assertEquals(400, again.status());
        assertEquals(outcome(first).getIdElement().getIdPart(), outcome(again).getIdElement().getIdPart());
    }

    @Test
    void reasonUpdateUpdatesAndARevokedServiceRequestCancels() {
        String nhs = newNhsNumber();
        String referralId = "R-" + UUID.randomUUID();
        Instant start = Instant.parse("2030-03-01T10:00:00Z");
        assertEquals(200, post("kent", "$process-message", json(referral(nhs, referralId, b -> {})),
                UUID.randomUUID().toString(), UUID.randomUUID().toString()).status());

        Response updated = post("kent", "$process-message", json(referral(nhs, referralId, update().andThen(startsAt(start)))),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertEquals(200, updated.status(), updated.body());
        ServiceRequest order = orderOf(onePatient(nhs));
        assertEquals("2", order.getMeta().getVersionId());
        assertEquals(start, order.getOccurrenceDateTimeType().getValue().toInstant());
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, order.getStatus());

        Response cancelled = post("kent", "$process-message", json(referral(nhs, referralId,
                        update().andThen(b -> serviceRequest(b).setStatus(ServiceRequest.ServiceRequestStatus.REVOKED)))),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertEquals(200, cancelled.status(), cancelled.body());
        order = orderOf(onePatient(nhs));
        assertEquals(ServiceRequest.ServiceRequestStatus.REVOKED, order.getStatus());
        assertEquals(Task.TaskStatus.CANCELLED, brokerageTask(order).getStatus());
        assertEquals(1, ordersOf(onePatient(nhs)).size());
    }

    @Test
    void anUpdateOfAnUnknownReferralIsNotFound() {
        Response r = post("kent", "$process-message", json(referral(newNhsNumber(), "R-" + UUID.randomUUID(), update())),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());

        assertEquals(404, r.status(), r.body());
        assertEquals("REC_NOT_FOUND", outcome(r).getIssueFirstRep().getDetails().getCodingFirstRep().getCode());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static OperationOutcome outcome(Response r) {
        return (OperationOutcome) GatewayServer.ctx().newJsonParser().parseResource(r.body());
    }

    static MessageHeader responseHeader(Response r) {
        return (MessageHeader) ((Bundle) GatewayServer.ctx().newJsonParser().parseResource(r.body())).getEntryFirstRep().getResource();
    }

    static Patient onePatient(String nhs) {
        Bundle found = GatewayServer.client("kent").search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(Canonical.NHS_NUMBER, nhs))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, found.getEntry().size(), "one person per NHS number");
        return (Patient) found.getEntryFirstRep().getResource();
    }

    static List<ServiceRequest> ordersOf(Patient p) {
        Bundle found = GatewayServer.client("kent").search().forResource(ServiceRequest.class)
                .where(ServiceRequest.SUBJECT.hasId("Patient/" + p.getIdElement().getIdPart()))
                .returnBundle(Bundle.class).execute();
        return found.getEntry().stream().map(e -> (ServiceRequest) e.getResource()).toList();
    }

    static ServiceRequest orderOf(Patient p) {
        List<ServiceRequest> orders = ordersOf(p);
        assertEquals(1, orders.size());
        return orders.get(0);
    }

    static Task brokerageTask(ServiceRequest order) {
        Bundle found = GatewayServer.client("kent").search().forResource(Task.class)
                .where(Task.FOCUS.hasId("ServiceRequest/" + order.getIdElement().getIdPart()))
                .and(Task.CODE.exactly().systemAndCode(DischargeCodes.REFERRAL_TASK, DischargeCodes.BROKERAGE))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, found.getEntry().size());
        return (Task) found.getEntryFirstRep().getResource();
    }
}
