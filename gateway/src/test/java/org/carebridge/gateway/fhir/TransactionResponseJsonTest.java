package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transaction/batch response written without HAPI must be exactly HAPI's compact encoding, or not written. */
class TransactionResponseJsonTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final String[] STATUSES = {"201 Created", "200 OK", "204 No Content", "200"};
    private static final String[] TEXTS = {"Appointment/abc-1/_history/1", "Patient/x", "a \"quoted\" \\ back\tslash",
            "é ü \u2028 \u0001", "W/\"7\"", ""};

    @Test
    void matchesHapiOverGeneratedResponses() {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            Bundle b = new Bundle().setType(random.nextBoolean() ? Bundle.BundleType.TRANSACTIONRESPONSE
                    : Bundle.BundleType.BATCHRESPONSE);
            if (random.nextBoolean()) b.setId(java.util.UUID.randomUUID().toString());
            if (random.nextBoolean()) b.addLink().setRelation("self").setUrl("http://localhost:8080/fhir/kent" + TEXTS[random.nextInt(TEXTS.length)]);
            int entries = random.nextInt(6);
            for (int i = 0; i < entries; i++) {
                Bundle.BundleEntryResponseComponent r = b.addEntry().getResponse();
                r.setStatus(STATUSES[random.nextInt(STATUSES.length)]);
                if (random.nextBoolean()) r.setLocation(TEXTS[random.nextInt(TEXTS.length)]);
                if (random.nextBoolean()) r.setEtag("W/\"" + random.nextInt(1000) + "\"");
                if (random.nextBoolean()) {
                    InstantType at = new InstantType(new Date(1_700_000_000_000L + random.nextInt(1_000_000_000)));
                    if (random.nextBoolean()) at.setPrecision(ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND);
                    r.setLastModifiedElement(at);
                }
            }
            String ours = StoredJsonResponder.transactionResponse(b);
            String hapi = CTX.newJsonParser().encodeResourceToString(b);
            assertEquals(hapi, ours, "response " + n);
        }
    }

    @Test
    void overHttpTheAnswerReadsBackAsHapiWritesIt() throws Exception {
        String tx = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"active\":true},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"tx-json-1\",\"active\":false},\"request\":{\"method\":\"PUT\",\"url\":\"Patient/tx-json-1\"}}]}";
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        org.carebridge.gateway.GatewayServer.fhirBase("kent")))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", org.carebridge.gateway.GatewayServer.councilAuthorization("kent"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(tx)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Bundle parsed = CTX.newJsonParser().parseResource(Bundle.class, answer.body());
        assertEquals(CTX.newJsonParser().encodeResourceToString(parsed), answer.body());
        assertEquals(2, parsed.getEntry().size());
        assertEquals("201 Created", parsed.getEntry().get(0).getResponse().getStatus());
        assertTrue(parsed.getEntry().get(1).getResponse().getLocation().startsWith("Patient/tx-json-1/_history/"));
        assertEquals(answer.headers().firstValue("Location").orElseThrow(),
                org.carebridge.gateway.GatewayServer.fhirBase("kent") + "/Bundle/" + parsed.getIdElement().getIdPart());
    }

    @Test
    void anythingMoreIsLeftToHapi() {
        assertNull(StoredJsonResponder.transactionResponse(new Bundle().setType(Bundle.BundleType.SEARCHSET)));
        Bundle withOutcome = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        withOutcome.addEntry().getResponse().setStatus("400").setOutcome(new OperationOutcome().addIssue(new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR).setDiagnostics("Bundle.entry[0]: no")));
        assertNull(StoredJsonResponder.transactionResponse(withOutcome));
        Bundle withResource = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        withResource.addEntry().setResource(new Patient()).getResponse().setStatus("201 Created");
        assertNull(StoredJsonResponder.transactionResponse(withResource));
        Bundle versioned = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        versioned.setId("Bundle/b1/_history/2");
        assertNull(StoredJsonResponder.transactionResponse(versioned));
        Bundle emptyEntry = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        emptyEntry.addEntry();
        assertNull(StoredJsonResponder.transactionResponse(emptyEntry));
        Bundle linked = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        linked.addLink().setRelation("next").setUrl("http://x/fhir");
        assertNull(StoredJsonResponder.transactionResponse(linked));
    }
}
