package org.carebridge.mappings.discharge.bars;

import static org.carebridge.mappings.discharge.bars.BarsFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

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
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Bundle among the BaRS specification's examples, posted to a tenant addressed as the examples address
 * their receiver, with the outcome decided per example. What the table records about the examples themselves:
 * <ul>
 *   <li>the two servicerequest examples carry NHS number 3478526985, which fails the modulus-11 check: a strict
 *   receiver rejects them (value, Patient.identifier); with a valid number they are accepted (tests below);</li>
 *   <li>POST-success.json and response/*.json are the proxy's synchronous replies in an older dialect
 *   (eventCoding system message-event-servicerequest): posted as requests they fail on the event system;</li>
 *   <li>booking messages are valid BaRS but a council takes no bookings: 501 REC_NOT_IMPLEMENTED;</li>
 *   <li>search-set Bundles are not messages.</li>
 * </ul>
 */
class BarsExamplesTest {

    record Expect(int status, BarsError error, IssueType type, String expression) {}

    private static final Expect NOT_A_MESSAGE = new Expect(400, BarsError.REC_BAD_REQUEST, IssueType.INVALID, "Bundle.type");
    private static final Expect BAD_NHS_NUMBER = new Expect(400, BarsError.REC_BAD_REQUEST, IssueType.VALUE, "Patient.identifier");
    private static final Expect LEGACY_EVENT_SYSTEM =
            new Expect(400, BarsError.REC_BAD_REQUEST, IssueType.VALUE, "MessageHeader.eventCoding.system");
    private static final Expect BOOKING_NOT_IMPLEMENTED =
            new Expect(501, BarsError.REC_NOT_IMPLEMENTED, IssueType.NOTSUPPORTED, "MessageHeader.eventCoding.code");

    static final Map<String, Expect> EXPECTED = Map.ofEntries(
            Map.entry(VALIDATION_REQUEST, BAD_NHS_NUMBER),
            Map.entry(VALIDATION_RESPONSE, BAD_NHS_NUMBER),
            Map.entry("process_message/request/Booking (POST).json", BOOKING_NOT_IMPLEMENTED),
            Map.entry("process_message/POST-body.json", BOOKING_NOT_IMPLEMENTED),
            Map.entry("process_message/POST-success.json", LEGACY_EVENT_SYSTEM),
            Map.entry("process_message/response/Booking (HTTP Response) .json", LEGACY_EVENT_SYSTEM),
            Map.entry("process_message/response/ValidationRequest (HTTP Response) .json", LEGACY_EVENT_SYSTEM),
            Map.entry("message_definition/MessageDefinition_ServiceRequest-request_CaseTransfer.json", NOT_A_MESSAGE),
            Map.entry("service_request/GET-success.json", NOT_A_MESSAGE),
            Map.entry("slots/GET-success.json", NOT_A_MESSAGE),
            Map.entry("appointment/GET-success.json", NOT_A_MESSAGE),
            Map.entry("document_reference/GET-success.json", NOT_A_MESSAGE),
            Map.entry("document_reference/GET-success-empty.json", NOT_A_MESSAGE));

    private final BarsMessageValidator validator = new BarsMessageValidator(TENANT);

    static List<String> exampleBundles() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(examples())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (Files.readString(p).contains("\"resourceType\": \"Bundle\"")
                        || Files.readString(p).contains("\"resourceType\":\"Bundle\"")) {
                    found.add(examples().relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        return found;
    }

    @Test
    void everyExampleBundleHasAnExpectation() throws IOException {
        assertEquals(new TreeSet<>(EXPECTED.keySet()), new TreeSet<>(exampleBundles()),
                "a BaRS example Bundle was added or removed: decide its expected outcome in EXPECTED");
    }

    static Stream<Arguments> cases() {
        return EXPECTED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exampleGetsItsDocumentedOutcome(String example, Expect expect) {
        BarsValidation v = validator.validate(bundle(example), new BarsHeaders(UUID.randomUUID().toString(), null));

        assertFalse(v.accepted());
        assertEquals(expect.status(), v.httpStatus());
        BarsIssue first = v.issues().get(0);
        assertEquals(expect.error(), first.error());
        assertEquals(expect.type(), first.type());
        assertEquals(expect.expression(), first.expression());
        OperationOutcome oo = v.toOperationOutcome(UUID.randomUUID());
        assertEquals(BarsCodes.HTTP_ERROR_CODES, oo.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem());
        assertEquals(expect.error().name(), oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode());
    }

    @Test
    void validationRequestWithAValidNhsNumberIsAcceptedAsANewReferral() {
        BarsValidation v = validator.validate(withValidNhsNumber(VALIDATION_REQUEST),
                new BarsHeaders("c1ab3fba-6bae-4ba4-b257-5a87c44d4a91", "9562466f-c982-4bd5-bb0e-255e9f5e6689"));

        assertTrue(v.accepted(), () -> v.issues().toString());
        ReferralMessage m = v.referral().orElseThrow();
        assertEquals("86e3371d-1c15-4862-9552-d9560f8292ba", m.bundleId());
        assertEquals("c1ab3fba-6bae-4ba4-b257-5a87c44d4a91", m.requestId());
        assertEquals("9562466f-c982-4bd5-bb0e-255e9f5e6689", m.correlationId());
        assertEquals(BarsEvent.SERVICEREQUEST_REQUEST, m.event());
        assertEquals(ReferralMessage.Reason.NEW, m.reason());
        assertEquals(ReferralMessage.Action.CREATE, m.action());
        assertEquals("active", m.serviceRequestStatus());
        assertEquals("urn:uuid:236bb75d-90ef-461f-b71e-fde7f899802c", m.serviceRequestRef());
        assertEquals(VALID_NHS, m.nhsNumber());
        assertEquals("RND", m.senderOds());
        assertEquals(Instant.parse("2021-11-26T15:00:00Z"), m.requestedStart());
        assertEquals(List.of("https://fhir.nhs.uk/CodeSystem/message-category-servicerequest|validation"), m.categories());
        assertFalse(m.discharge(), "an emergency encounter is not a discharge");
        assertEquals("http://fhir.nhs.uk/Id/dos-service-id|2222222222", m.sourceEndpoint());
        assertTrue(m.wantsAsyncResponse());
        assertNull(m.response());
        assertFalse(m.toString().contains(VALID_NHS), "no NHS number in toString (logs)");
    }

    @Test
    void validationResponseAnswersTheValidationRequest() {
        BarsValidation v = validator.validate(withValidNhsNumber(VALIDATION_RESPONSE), BarsHeaders.none());

        assertTrue(v.accepted(), () -> v.issues().toString());
        ReferralMessage m = v.referral().orElseThrow();
        assertEquals(ReferralMessage.Action.RESPONSE, m.action());
        assertEquals(new ReferralMessage.ResponseRef("86e3371d-1c15-4862-9552-d9560f8292ba", "ok"), m.response());
        assertEquals(bundle(VALIDATION_REQUEST).getIdElement().getIdPart(), m.response().identifier());
    }

    /** The receiver-side OperationOutcome examples: our error table and outcome shape agree with each of them. */
    static Stream<Arguments> receiverErrorExamples() throws IOException {
        try (Stream<Path> files = Files.list(examples().resolve("OperationOutcome/REC"))) {
            return files.map(p -> p.getFileName().toString()).sorted()
                    // "500-REC_SERVER_ERROR-too costly.json" has issue code "too costly", not a FHIR code.
                    .filter(n -> !n.contains(" "))
                    .map(n -> Arguments.of(n)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receiverErrorExamples")
    void ourOutcomeMatchesTheReceiverErrorExample(String fileName) {
        String[] parts = fileName.replace(".json", "").split("-", 3);
        int status = Integer.parseInt(parts[0]);
        BarsError error = BarsError.valueOf(parts[1]);
        OperationOutcome example = (OperationOutcome) parse("OperationOutcome/REC/" + fileName);
        IssueType type = example.getIssueFirstRep().getCode();

        OperationOutcome ours = BarsOutcomes.toOperationOutcome(
                List.of(new BarsIssue(type, error, null, "diagnostic")), UUID.randomUUID());

        assertEquals(status, error.httpStatus(), "HTTP status of " + error);
        assertEquals(parts[2], type.toCode());
        var exampleCoding = example.getIssueFirstRep().getDetails().getCodingFirstRep();
        var ourCoding = ours.getIssueFirstRep().getDetails().getCodingFirstRep();
        assertEquals(exampleCoding.getSystem(), ourCoding.getSystem());
        assertEquals(exampleCoding.getCode(), ourCoding.getCode());
        assertEquals(example.getIssueFirstRep().getSeverity(), ours.getIssueFirstRep().getSeverity());
        assertEquals(type, ours.getIssueFirstRep().getCode());
    }

    @Test
    void aReplayIsAnsweredWithTheConflictShapeOfTheExamples() {
        OperationOutcome example = (OperationOutcome) parse("conflict.json");
        OperationOutcome ours = BarsOutcomes.toOperationOutcome(
                List.of(BarsIssue.duplicate("already processed")), UUID.randomUUID());
        assertEquals(example.getIssueFirstRep().getCode(), ours.getIssueFirstRep().getCode());
        assertEquals(example.getIssueFirstRep().getDetails().getCodingFirstRep().getCode(),
                ours.getIssueFirstRep().getDetails().getCodingFirstRep().getCode());
        assertEquals(409, BarsOutcomes.httpStatus(List.of(BarsIssue.duplicate("x"))));
    }

    @Test
    void aBundleOfAnotherTypeIsNotParsedFurther() {
        Bundle b = bundle(VALIDATION_REQUEST);
        b.setType(Bundle.BundleType.COLLECTION);
        BarsValidation v = validator.validate(b, BarsHeaders.none());
        assertEquals(1, v.issues().size());
        assertEquals("Bundle.type", v.issues().get(0).expression());
    }
}
