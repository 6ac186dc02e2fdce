package org.carebridge.gateway.security;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The provider read path that never parses (hollow resources sent from stored JSON, visibility inside the read's own
 * statement) answers exactly what the encoding path answers and audits exactly the same: every request is made twice,
 * in JSON (fast path) and in XML (HAPI parses and encodes), and the two are compared — bodies, headers and audit
 * records. What the provider may not see is still "not known" or left out on both paths.
 */
class HollowResponseTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final IParser json = GatewayServer.ctx().newJsonParser().setPrettyPrint(false);
    private static final String SUB = "office-hollow";
    private static String token;

    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
        token = TestIssuer.providerOffice(SUB);
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(GatewayServer.fhirBase("kent") + "/" + path))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Resource xml(HttpResponse<String> r) {
        return (Resource) GatewayServer.ctx().newXmlParser().parseResource(r.body());
    }

    private static List<AuditRecord> audit() {
        AuditLog log = GatewayServer.start().getApplicationContext().getBean(AuditLog.class);
        return log.search("kent", null, SUB, null, null, 500);
    }

    /** The audit record of the request just made (the newest of this test's agent). */
    private static AuditRecord last() {
        return audit().get(0);
    }

    private static void sameAudit(AuditRecord fast, AuditRecord encoded) {
        assertEquals(encoded.action(), fast.action());
        assertEquals(encoded.outcome(), fast.outcome());
        assertEquals(encoded.what(), fast.what());
        assertEquals(encoded.patients(), fast.patients());
        assertEquals(encoded.detail(), fast.detail());
    }

    @Test
    void aReadSendsTheStoredResourceAndAuditsItsPerson() throws Exception {
        String path = SecuritySeed.id("A1");
        HttpResponse<String> fast = get(path, "application/fhir+json");
        AuditRecord fastAudit = last();
        HttpResponse<String> encoded = get(path, "application/fhir+xml");
        AuditRecord encodedAudit = last();
        assertEquals(200, fast.statusCode(), fast.body());
        assertEquals(200, encoded.statusCode(), encoded.body());
        assertEquals(json.encodeResourceToString(xml(encoded)), fast.body(), "the stored JSON is the resource, exactly");
        assertEquals(encoded.headers().firstValue("ETag"), fast.headers().firstValue("ETag"));
        assertEquals(encoded.headers().firstValue("Last-Modified"), fast.headers().firstValue("Last-Modified"));
        assertTrue(fast.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"),
                fast.headers().firstValue("Content-Type").orElse(""));
        assertTrue(fast.headers().firstValue("Content-Type").orElse("").toLowerCase().contains("charset=utf-8"));
        sameAudit(fastAudit, encodedAudit);
        assertEquals(List.of(SecuritySeed.idPart("P1")), fastAudit.patients(), "the visit's person, from its index rows");
        assertEquals("read", fastAudit.action());
    }

    @Test
    void aSearchBundleWithIncludesIsTheEncodedOneAndIsAuditedAlike() throws Exception {
        String path = "Appointment?patient=" + SecuritySeed.id("P1") + "&_include=Appointment:patient"
                + "&_include=Appointment:based-on&_sort=date";
        HttpResponse<String> fast = get(path, "application/fhir+json");
        AuditRecord fastAudit = last();
        HttpResponse<String> encoded = get(path, "application/fhir+xml");
        AuditRecord encodedAudit = last();
        assertEquals(200, fast.statusCode(), fast.body());
        Bundle f = (Bundle) json.parseResource(fast.body());
        Bundle e = (Bundle) xml(encoded);
        assertEquals(e.getTotal(), f.getTotal());
        assertTrue(f.getTotal() >= 3, "P1's visits (other tests of this JVM may add more)");
        assertEquals(e.getEntry().size(), f.getEntry().size());
        List<String> entries = f.getEntry().stream().map(x -> x.getSearch().getMode().toCode() + " "
                + x.getResource().fhirType() + "/" + x.getResource().getIdElement().getIdPart()).toList();
        for (String k : List.of("A1", "A1late", "A1past")) assertTrue(entries.contains("match " + SecuritySeed.id(k)), k + " in " + entries);
        for (String k : List.of("P1", "O1")) assertTrue(entries.contains("include " + SecuritySeed.id(k)), k + " in " + entries);
        for (int i = 0; i < f.getEntry().size(); i++) {
            Bundle.BundleEntryComponent fe = f.getEntry().get(i), ee = e.getEntry().get(i);
            assertEquals(ee.getFullUrl(), fe.getFullUrl());
            assertEquals(ee.getSearch().getMode(), fe.getSearch().getMode());
            assertEquals(json.encodeResourceToString(ee.getResource()), json.encodeResourceToString(fe.getResource()));
        }
        assertEquals(e.getLink().stream().map(Bundle.BundleLinkComponent::getRelation).toList(),
                f.getLink().stream().map(Bundle.BundleLinkComponent::getRelation).toList());
        // The stored visits went out byte for byte; the included order (redaction reads it) was encoded.
        for (Bundle.BundleEntryComponent fe : f.getEntry()) {
            if (fe.getResource() instanceof Appointment || fe.getResource() instanceof Patient) {
                assertTrue(fast.body().contains(json.encodeResourceToString(fe.getResource())), fe.getFullUrl());
            }
        }
        sameAudit(fastAudit, encodedAudit);
        assertEquals(List.of(SecuritySeed.idPart("P1")), fastAudit.patients());
        for (String k : List.of("A1", "A1late", "A1past", "P1", "O1")) {
            assertTrue(fastAudit.what().contains(SecuritySeed.id(k)), k + " in " + fastAudit.what());
        }
    }

    @Test
    void whatTheProviderMayNotSeeIsNotKnownOnBothPaths() throws Exception {
        String other = SecuritySeed.id("A2"); // P2's visit, provider B's order
        HttpResponse<String> fast = get(other, "application/fhir+json");
        AuditRecord fastAudit = last();
        HttpResponse<String> missing = get("Appointment/no-such-visit", "application/fhir+json");
        HttpResponse<String> encoded = get(other, "application/fhir+xml");
        AuditRecord encodedAudit = last();
        assertEquals(404, fast.statusCode());
        assertEquals(404, encoded.statusCode());
        assertEquals(404, missing.statusCode());
        assertEquals(missing.body().replace("no-such-visit", other.substring(other.indexOf('/') + 1)), fast.body(),
                "an invisible visit answers exactly as a missing one");
        assertFalse(fast.body().contains(SecuritySeed.idPart("P2")), "nothing of the visit leaks");
        sameAudit(fastAudit, encodedAudit);
        assertTrue(fastAudit.patients().isEmpty(), "nothing was disclosed");
        assertEquals(404, get(other + "/_history/1", "application/fhir+json").statusCode(), "nor by version");

        for (String accept : List.of("application/fhir+json", "application/fhir+xml")) {
            HttpResponse<String> r = get("Appointment?_id=" + SecuritySeed.idPart("A1") + "," + SecuritySeed.idPart("A2")
                    + "&_include=Appointment:patient", accept);
            Bundle b = accept.endsWith("json") ? (Bundle) json.parseResource(r.body()) : (Bundle) xml(r);
            assertEquals(1, b.getTotal(), accept);
            List<String> ids = b.getEntry().stream().map(x -> x.getResource().fhirType() + "/" + x.getResource().getIdElement().getIdPart()).toList();
            assertEquals(List.of(SecuritySeed.id("A1"), SecuritySeed.id("P1")), ids, accept);
        }
        HttpResponse<String> none = get("Appointment?patient=" + SecuritySeed.id("P2"), "application/fhir+json");
        assertEquals(0, ((Bundle) json.parseResource(none.body())).getTotal());
    }

    @Test
    void redactionStillAppliesWhereItReadsTheContent() throws Exception {
        // An offer (TO1) names a referral (R7) this provider was offered, not given: its access code is removed.
        HttpResponse<String> fast = get(SecuritySeed.id("R7"), "application/fhir+json");
        assertEquals(200, fast.statusCode(), fast.body());
        ServiceRequest sr = (ServiceRequest) json.parseResource(fast.body());
        assertFalse(sr.hasSupportingInfo(), "the offer's access code is not sent");
        assertTrue(sr.getMeta().getSecurity().stream().anyMatch(s -> "REDACTED".equals(s.getCode())));
        ServiceRequest encoded = (ServiceRequest) xml(get(SecuritySeed.id("R7"), "application/fhir+xml"));
        assertEquals(json.encodeResourceToString(encoded), json.encodeResourceToString(sr));
    }
}
