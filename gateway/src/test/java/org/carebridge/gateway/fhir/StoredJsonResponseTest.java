package org.carebridge.gateway.fhir;

import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The response fast path (stored JSON sent as is) answers exactly what HAPI's encoder answers: compared with the
 * same requests forced through the encoder ({@code _pretty=true}), for a read, a vread and a search with includes;
 * other renderings (XML, {@code _elements}) still come from the encoder.
 */
class StoredJsonResponseTest {
    private static final IGenericClient client = GatewayServer.client("kent");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final IParser compact = GatewayServer.ctx().newJsonParser().setPrettyPrint(false);
    private static String patientId;
    private static String visitId;

    @BeforeAll
    static void load() {
        Patient p = new Patient();
        p.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue("9449306117");
        p.addName().setFamily("Stored \"Quoted\" Name").addGiven("Ünïcode");
        patientId = client.create().resource(p).execute().getId().getIdPart();
        Instant start = Instant.parse("2026-04-06T09:00:00Z");
        for (int i = 0; i < 3; i++) {
            Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                    .setStart(Date.from(start.plus(i, ChronoUnit.DAYS)))
                    .setEnd(Date.from(start.plus(i, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES)))
                    .setComment("visit " + i + " \\ with <odd> & \"chars\"\n");
            a.addParticipant().setActor(new Reference("Patient/" + patientId)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
            visitId = client.create().resource(a).execute().getId().getIdPart();
        }
        Appointment changed = client.read().resource(Appointment.class).withId(visitId).execute();
        changed.setStatus(Appointment.AppointmentStatus.FULFILLED);
        client.update().resource(changed).execute();
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(GatewayServer.fhirBase("kent") + "/" + path))
                .header("Authorization", GatewayServer.councilAuthorization("kent"))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sep(String path) {
        return path.contains("?") ? "&" : "?";
    }

    @Test
    void readAndVreadSendWhatTheEncoderWould() throws Exception {
        for (String path : List.of("Appointment/" + visitId, "Appointment/" + visitId + "/_history/1", "Patient/" + patientId)) {
            HttpResponse<String> fast = get(path, "application/fhir+json");
            HttpResponse<String> encoded = get(path + sep(path) + "_pretty=true", "application/fhir+json");
            assertEquals(200, fast.statusCode(), path);
            assertTrue(fast.body().startsWith("{\"resourceType\":\""), path + ": compact, resourceType first: " + fast.body());
            assertTrue(fast.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"), path);
            assertEquals(encoded.headers().firstValue("ETag"), fast.headers().firstValue("ETag"), path);
            assertEquals(encoded.headers().firstValue("Last-Modified"), fast.headers().firstValue("Last-Modified"), path);
            assertEquals(compact.encodeResourceToString(compact.parseResource(encoded.body())), fast.body(), path);
        }
        assertEquals("W/\"1\"", get("Appointment/" + visitId + "/_history/1", "application/fhir+json")
                .headers().firstValue("ETag").orElse(null));
    }

    @Test
    void searchBundleMatchesTheEncodedOne() throws Exception {
        String path = "Appointment?patient=Patient/" + patientId + "&_include=Appointment:patient&_count=2&_sort=date";
        HttpResponse<String> fast = get(path, "application/fhir+json");
        HttpResponse<String> encoded = get(path + "&_pretty=true", "application/fhir+json");
        assertEquals(200, fast.statusCode());
        Bundle f = (Bundle) compact.parseResource(fast.body());
        Bundle e = (Bundle) compact.parseResource(encoded.body());
        assertEquals(3, f.getTotal());
        assertEquals(e.getTotal(), f.getTotal());
        assertEquals(e.getEntry().size(), f.getEntry().size());
        assertEquals(3, f.getEntry().size(), "two matches and the included patient");
        for (int i = 0; i < f.getEntry().size(); i++) {
            Bundle.BundleEntryComponent fe = f.getEntry().get(i), ee = e.getEntry().get(i);
            assertEquals(ee.getFullUrl(), fe.getFullUrl());
            assertEquals(ee.getSearch().getMode(), fe.getSearch().getMode());
            assertEquals(compact.encodeResourceToString(ee.getResource()), compact.encodeResourceToString(fe.getResource()));
        }
        assertEquals(e.getLink().stream().map(Bundle.BundleLinkComponent::getRelation).toList(),
                f.getLink().stream().map(Bundle.BundleLinkComponent::getRelation).toList());
        assertNotNull(f.getLink("next"), "a next link for the third visit");
        Bundle next = client.loadPage().next(f).execute();
        assertEquals(1, next.getEntry().stream().filter(x -> x.getResource() instanceof Appointment).count());
        assertTrue(fast.body().contains("\"Stored \\\"Quoted\\\" Name\""), "the included Patient keeps its escaping");
    }

    @Test
    void otherRenderingsStillComeFromTheEncoder() throws Exception {
        HttpResponse<String> xml = get("Appointment/" + visitId, "application/fhir+xml");
        assertEquals(200, xml.statusCode());
        assertTrue(xml.body().startsWith("<Appointment"), xml.body());
        HttpResponse<String> elements = get("Appointment?patient=Patient/" + patientId + "&_elements=status", "application/fhir+json");
        Bundle b = (Bundle) compact.parseResource(elements.body());
        Appointment a = (Appointment) b.getEntryFirstRep().getResource();
        assertFalse(a.hasParticipant(), "_elements left only the status");
        assertTrue(a.getMeta().getTag().stream().anyMatch(t -> "SUBSETTED".equals(t.getCode())));
    }
}
