package org.carebridge.gateway.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.security.Http;
import org.carebridge.gateway.security.TestIssuer;
import org.carebridge.profiles.Profiles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The implementation guide as the gateway serves and enforces it: conformance resources readable without a token,
 * the CapabilityStatement naming the profiles, {@code $validate} on a type, strict and warn modes per tenant on
 * create/update, and the UK Core examples accepted and read back unchanged.
 */
class ProfilesGatewayTest {
    private static final String PERSON_EXAMPLE = "org/carebridge/profiles/fhir/examples/Patient-Person-Example.json";

    @Test
    void conformanceResourcesArePublicAndSearchableByUrl() {
        Http.Response byUrl = Http.get("/fhir/kent/StructureDefinition?url="
                + URLEncoder.encode(Profiles.PERSON, StandardCharsets.UTF_8), null);
        assertEquals(200, byUrl.status(), byUrl.body());
        Bundle found = byUrl.as(Bundle.class);
        assertEquals(1, found.getEntry().size());
        StructureDefinition sd = (StructureDefinition) found.getEntryFirstRep().getResource();
        assertEquals(Profiles.PERSON, sd.getUrl());
        assertTrue(sd.hasSnapshot(), "served with its snapshot");

        Http.Response read = Http.get("/fhir/lbhf/StructureDefinition/" + sd.getIdElement().getIdPart(), null);
        assertEquals(200, read.status(), read.body());
        assertEquals(Profiles.PERSON, read.as(StructureDefinition.class).getUrl());

        Http.Response cs = Http.get("/fhir/kent/CodeSystem?url="
                + URLEncoder.encode(org.carebridge.profiles.terminology.OrderStatus.SYSTEM, StandardCharsets.UTF_8), null);
        assertEquals(200, cs.status(), cs.body());
        CodeSystem orderStatus = (CodeSystem) cs.as(Bundle.class).getEntryFirstRep().getResource();
        assertEquals(org.carebridge.profiles.terminology.OrderStatus.values().length, orderStatus.getConcept().size());

        assertEquals(404, Http.get("/fhir/kent/StructureDefinition/no-such-profile", null).status());
        assertEquals(0, Http.get("/fhir/kent/ValueSet?url=https://example.org/ValueSet/x", null).as(Bundle.class).getEntry().size());
        // Only the guide is public: stored data still needs a token.
        assertEquals(401, Http.get("/fhir/kent/Patient", null).status());
    }

    @Test
    void theCapabilityStatementNamesTheProfiles() {
        CapabilityStatement cs = GatewayServer.client("kent").capabilities().ofType(CapabilityStatement.class).execute();
        var serviceRequest = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("ServiceRequest"))
                .findFirst().orElseThrow();
        List<String> profiles = serviceRequest.getSupportedProfile().stream().map(p -> p.getValue()).toList();
        assertTrue(profiles.containsAll(List.of(Profiles.ORDER_FOR_CARE, Profiles.REFERRAL)), profiles::toString);
        assertTrue(cs.getRestFirstRep().getResource().stream().anyMatch(r -> r.getType().equals("StructureDefinition")));
    }

    @Test
    void validateReturnsAnOperationOutcomeAndStoresNothing() throws IOException {
        String token = TestIssuer.council("kent");
        Http.Response good = Http.send("POST", "/fhir/kent/Patient/$validate", token, example(PERSON_EXAMPLE));
        assertEquals(200, good.status(), good.body());
        assertFalse(hasError(good.as(OperationOutcome.class)), good.body());

        Patient bad = (Patient) GatewayServer.ctx().newJsonParser().parseResource(example(PERSON_EXAMPLE));
        bad.getExtensionByUrl(Profiles.Ext.RURALITY_CLASS).setValue(new org.hl7.fhir.r4.model.CodeableConcept(
                new Coding(org.carebridge.profiles.terminology.RuralityClass.SYSTEM, "suburban", null)));
        Http.Response rejected = Http.send("POST", "/fhir/kent/Patient/$validate", token, Http.json(bad));
        assertEquals(200, rejected.status(), rejected.body());
        assertTrue(hasError(rejected.as(OperationOutcome.class)), rejected.body());

        // The profile parameter: a bare ServiceRequest is fine for R4 and UK Core, not as an order for care.
        ServiceRequest bare = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        bare.getSubject().setReference("Patient/x");
        Http.Response plain = Http.send("POST", "/fhir/kent/ServiceRequest/$validate", token, Http.json(bare));
        assertFalse(hasError(plain.as(OperationOutcome.class)), plain.body());
        Http.Response asOrder = Http.send("POST", "/fhir/kent/ServiceRequest/$validate?profile="
                + URLEncoder.encode(Profiles.ORDER_FOR_CARE, StandardCharsets.UTF_8), token, Http.json(bare));
        assertEquals(200, asOrder.status(), asOrder.body());
        assertTrue(hasError(asOrder.as(OperationOutcome.class)), asOrder.body());

        assertEquals(401, Http.send("POST", "/fhir/kent/Patient/$validate", null, Http.json(bad)).status());
    }

    @Test
    void strictRefusesWhatWarnStoresWithItsOutcome() throws Exception {
        ValidationModes modes = GatewayServer.start().getApplicationContext().getBean(ValidationModes.class);
        String token = TestIssuer.council("lbhf");
        Patient bad = (Patient) GatewayServer.ctx().newJsonParser().parseResource(example(PERSON_EXAMPLE));
        bad.setId((String) null);
        bad.getExtensionByUrl(Profiles.Ext.RURALITY_CLASS).setValue(new org.hl7.fhir.r4.model.CodeableConcept(
                new Coding(org.carebridge.profiles.terminology.RuralityClass.SYSTEM, "suburban", null)));
        ValidationMode before = modes.of("lbhf");
        try {
            modes.set("lbhf", ValidationMode.STRICT);
            Http.Response refused = Http.send("POST", "/fhir/lbhf/Patient", token, Http.json(bad));
            assertEquals(422, refused.status(), refused.body());
            assertTrue(hasError(refused.as(OperationOutcome.class)), refused.body());
            // The good example is accepted in strict mode too.
            Patient good = (Patient) GatewayServer.ctx().newJsonParser().parseResource(example(PERSON_EXAMPLE));
            good.setId((String) null);
            assertEquals(201, Http.send("POST", "/fhir/lbhf/Patient", token, Http.json(good)).status());

            modes.set("lbhf", ValidationMode.WARN);
            HttpResponse<String> warned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            java.net.URI.create(GatewayServer.fhirBase("lbhf") + "/Patient"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                    .header("Accept", "application/fhir+json").header("Prefer", "return=OperationOutcome")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.json(bad))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, warned.statusCode(), warned.body());
            OperationOutcome outcome = (OperationOutcome) GatewayServer.ctx().newJsonParser().parseResource(warned.body());
            assertTrue(hasError(outcome), warned.body());
            String location = warned.headers().firstValue("Location").orElseThrow();
            assertEquals(200, Http.get(location, token).status(), "stored despite the errors");
        } finally {
            modes.set("lbhf", before);
        }
    }

    /** The UK Core examples (POSTed and PUT by council staff) are stored and read back as sent. */
    @ParameterizedTest
    @ValueSource(strings = {"UKCore-Patient-RichardSmith-Example", "UKCore-Patient-BabyPatient-Example",
            "UKCore-Appointment-OrthopaedicSurgery-Example", "UKCore-ServiceRequest-HipReplacement-Example",
            "UKCore-Encounter-InpatientEncounter-Example"})
    void ukCoreExamplesAreAcceptedAndReadBackUnchanged(String name) throws IOException {
        String xml = Files.readString(GatewayServer.sharedDir().resolve("fhir/uk-core/examples").resolve(name + ".xml"));
        Resource sent = (Resource) GatewayServer.ctx().newXmlParser().parseResource(xml);
        String type = sent.fhirType();
        String token = TestIssuer.council("kent");

        // PUT with the example's own id (update as create), then POST a copy (new id).
        Http.Response put = Http.send("PUT", "/fhir/kent/" + type + "/" + sent.getIdElement().getIdPart(), token, Http.json(sent));
        assertTrue(put.status() == 201 || put.status() == 200, put.body());
        assertSame(sent, Http.get("/fhir/kent/" + type + "/" + sent.getIdElement().getIdPart(), token).resource());

        Resource copy = sent.copy();
        copy.setId((String) null);
        Http.Response post = Http.send("POST", "/fhir/kent/" + type, token, Http.json(copy));
        assertEquals(201, post.status(), post.body());
        String location = post.raw().headers().firstValue("Location").orElseThrow();
        assertSame(copy, Http.get(location, token).resource());
    }

    /**
     * Semantically equal, ignoring meta.versionId and lastUpdated, after the minimisation every council reader gets
     * (security/Redactor, domain.md §6): care workers' names (Practitioner reference displays) never travel outside
     * their employer, and a response so minimised carries the REDACTED security label.
     */
    private static void assertSame(Resource sent, IBaseResource back) {
        Resource expected = sent.copy();
        boolean minimised = false;
        if (!(expected instanceof ServiceRequest)) {
            for (org.hl7.fhir.r4.model.Reference ref : GatewayServer.ctx().newTerser()
                    .getAllPopulatedChildElementsOfType(expected, org.hl7.fhir.r4.model.Reference.class)) {
                String t = ref.getReferenceElement().getResourceType();
                if (ref.hasDisplay() && ("Practitioner".equals(t) || "PractitionerRole".equals(t))) {
                    ref.setDisplay(null);
                    minimised = true;
                }
            }
        }
        if (minimised) {
            expected.getMeta().addSecurity(org.carebridge.profiles.Canonical.REDACTED_SYSTEM,
                    org.carebridge.profiles.Canonical.REDACTED_CODE, "redacted");
        }
        Resource actual = ((Resource) back).copy();
        for (Resource r : List.of(expected, actual)) {
            r.getMeta().setVersionId(null);
            r.getMeta().setLastUpdated(null);
            r.setIdElement(null);
        }
        var json = GatewayServer.ctx().newJsonParser();
        assertTrue(expected.equalsDeep(actual), () -> "read back differs:\nsent " + json.encodeResourceToString(expected)
                + "\nread " + json.encodeResourceToString(actual));
    }

    private static boolean hasError(OperationOutcome oo) {
        return oo.getIssue().stream().anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL);
    }

    private static String example(String classpath) throws IOException {
        try (InputStream in = ProfilesGatewayTest.class.getClassLoader().getResourceAsStream(classpath)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
