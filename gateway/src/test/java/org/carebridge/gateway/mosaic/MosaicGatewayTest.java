package org.carebridge.gateway.mosaic;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.routes.AdminClient;
import org.carebridge.gateway.security.TestIssuer;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mosaic extracts applied by the running gateway (embedded PostgreSQL), through the HTTP upload and through a real
 * inbox directory configured in the council's routes file, read back over FHIR. The tests build on each other (one
 * council's extract history), so they run in order, each extract later than the one before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MosaicGatewayTest {
    static final String TENANT = "lbhf";
    static final int PEOPLE = 40;
    static final Path INBOX = Path.of("target", "test-inbox", "lbhf-mosaic").toAbsolutePath();
    static ApplicationContext ctx;
    static IGenericClient fhir;
    static WireMockServer receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        ctx = GatewayServer.start().getApplicationContext();
        fhir = GatewayServer.client(TENANT);
        deleteRecursively(INBOX);
        Files.createDirectories(INBOX);
        Path config = Path.of("target", "test-routes");
        Files.createDirectories(config);
        Files.deleteIfExists(config.resolve("kent.yaml"));
        Files.writeString(config.resolve("lbhf.yaml"), """
                tenant: lbhf
                channels:
                  - id: mosaic
                    kind: mosaic-file-inbox
                    partner: mosaic
                    parameters:
                      dir: %s
                      poll-ms: 100
                  - id: notify
                    kind: outbound-notification
                    parameters:
                      poll-ms: 100
                """.formatted(INBOX));
        // Reload acts on the caller's council only: lbhf's file needs an lbhf integration token.
        AdminClient.Reply r = AdminClient.postAs(TENANT, "/admin/routes/reload");
        assertEquals(200, r.status(), String.valueOf(r.body()));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    static byte[] extract(String type, String time, String id, List<PersonRecord> people) {
        return MosaicExtracts.xml(TENANT, type, time, id, people);
    }

    static List<PersonRecord> all() {
        return MosaicExtracts.people(0, PEOPLE, p -> p);
    }

    // ---- reading back over FHIR ---------------------------------------------------------------------------------

    static ServiceRequest order(String number) {
        Bundle b = fhir.search().forResource(ServiceRequest.class)
                .where(ServiceRequest.IDENTIFIER.exactly().systemAndCode(Canonical.MOSAIC_ORDER, number))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, b.getEntry().size(), "order " + number);
        return (ServiceRequest) b.getEntryFirstRep().getResource();
    }

    static Patient patient(String personId) {
        Bundle b = fhir.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(Canonical.MOSAIC_PERSON, personId))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, b.getEntry().size(), "person " + personId);
        return (Patient) b.getEntryFirstRep().getResource();
    }

    static String version(Resource r) {
        return r.getMeta().getVersionId();
    }

    static PersonRecord person(int i) {
        return MosaicExtracts.people(i, i + 1, p -> p).get(0);
    }

    // ---- the tests ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void uploadNeedsACouncilIntegrationTokenOfThatCouncil() {
        byte[] body = extract("delta", "2026-01-01T00:00:00Z", "AUTH", List.of(person(0)));
        assertEquals(401, MosaicExtracts.upload(TENANT, "application/xml", body, null).status());
        assertEquals(403, MosaicExtracts.upload(TENANT, "application/xml", body, TestIssuer.council(TENANT)).status(),
                "council staff without the integration role");
        int other = MosaicExtracts.upload(TENANT, "application/xml", body, MosaicExtracts.integrationToken("kent")).status();
        assertTrue(other == 401 || other == 403, "another council's integration token: " + other);
        assertEquals(415, MosaicExtracts.upload(TENANT, "application/json", body,
                MosaicExtracts.integrationToken(TENANT)).status());
        assertEquals(0, count("select count(*) from mosaic_extract_state"), "nothing was applied");
    }

    @Test
    @Order(2)
    void fullThenDelta() {
        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, extract("full", "2026-12-01T06:00:00Z", "F1", all()));
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("applied", r.body().get("outcome").asText());
        assertEquals(PEOPLE, r.body().get("recordsApplied").asInt());

        PersonRecord p3 = person(3);
        String number = p3.orders.get(0).orderNumber;
        ServiceRequest before = order(number);
        assertEquals("1", version(before));
        assertEquals("1", version(patient(p3.personId)));
        String otherOrder = person(4).orders.get(0).orderNumber;

        // The delta suspends person 3's first order and names no one else.
        p3.orders.get(0).status = "suspended";
        r = MosaicExtracts.upload(TENANT, extract("delta", "2026-12-01T12:00:00Z", "D1", List.of(p3)));
        assertEquals(200, r.status(), r.body().toString());
        ServiceRequest after = order(number);
        assertEquals(ServiceRequest.ServiceRequestStatus.ONHOLD, after.getStatus());
        assertEquals("2", version(after));
        assertEquals("1", version(patient(p3.personId)), "the person's unchanged data gets no new version");
        assertEquals("1", version(order(otherOrder)), "a delta touches only what it names");
    }

    @Test
    @Order(3)
    void theSameFileAgainAndTheSameContentUnderANewIdChangeNothing() {
        PersonRecord p3 = person(3);
        p3.orders.get(0).status = "suspended";
        byte[] delta = extract("delta", "2026-12-01T12:00:00Z", "D1", List.of(p3));
        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, delta);
        assertEquals(200, r.status());
        assertEquals("skipped-duplicate", r.body().get("outcome").asText());

        // A later extract with the same records: applied, but nothing is new, so no new versions.
        List<PersonRecord> people = new ArrayList<>(List.of(p3));
        people.addAll(MosaicExtracts.people(5, 10, p -> p));
        r = MosaicExtracts.upload(TENANT, extract("delta", "2026-12-01T13:00:00Z", "D2", people));
        assertEquals("applied", r.body().get("outcome").asText(), r.body().toString());
        assertEquals("2", version(order(p3.orders.get(0).orderNumber)));
        for (PersonRecord p : people.subList(1, people.size())) {
            assertEquals("1", version(patient(p.personId)), p.personId);
            assertEquals("1", version(order(p.orders.get(0).orderNumber)));
        }
    }

    @Test
    @Order(4)
    void anOlderExtractArrivingLateOverwritesNothing() {
        PersonRecord p5 = person(5);
        p5.orders.get(0).status = "cancelled";
        p5.formOfAddress = "Someone else";
        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, extract("delta", "2026-12-01T09:00:00Z", "OLD",
                List.of(p5)));
        assertEquals(409, r.status(), r.body().toString());
        assertEquals("skipped-older", r.body().get("outcome").asText());
        ServiceRequest o = order(p5.orders.get(0).orderNumber);
        assertEquals("1", version(o));
        assertFalse(o.getStatus() == ServiceRequest.ServiceRequestStatus.REVOKED);
        assertEquals("1", version(patient(p5.personId)));
    }

    @Test
    @Order(5)
    void aTruncatedFullExtractIsHeldUntilConfirmed() {
        PersonRecord gone = person(PEOPLE - 1);
        String goneOrder = gone.orders.get(0).orderNumber;
        // Only the first half of the people: ending the rest would end about half the open orders.
        List<PersonRecord> half = MosaicExtracts.people(0, PEOPLE / 2, p -> p);
        half.set(3, person3Suspended());
        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, extract("full", "2026-12-02T06:00:00Z", "F2", half));
        assertEquals(202, r.status(), r.body().toString());
        assertEquals("held", r.body().get("outcome").asText());
        String heldId = r.body().get("heldId").asText();
        assertEquals(0, r.body().get("recordsApplied").asInt());
        assertEquals("1", version(order(goneOrder)), "nothing applied while held");
        assertFalse(order(goneOrder).getStatus() == ServiceRequest.ServiceRequestStatus.COMPLETED);

        MosaicExtracts.Reply list = MosaicExtracts.get(TENANT, "/extracts");
        assertEquals(200, list.status());
        assertTrue(list.body().get("held").findValuesAsText("id").contains(heldId), list.body().toString());

        MosaicExtracts.Reply confirmed = MosaicExtracts.post(TENANT, "/held/" + heldId + "/confirm");
        assertEquals(200, confirmed.status(), confirmed.body().toString());
        assertTrue(confirmed.body().get("ordersEnded").asInt() >= PEOPLE / 2, confirmed.body().toString());
        ServiceRequest ended = order(goneOrder);
        assertEquals(ServiceRequest.ServiceRequestStatus.COMPLETED, ended.getStatus());
        assertEquals("2", version(ended));
        assertEquals("2026-12-02", ended.getOccurrencePeriod().getEndElement().getValueAsString());
        assertEquals(409, MosaicExtracts.post(TENANT, "/held/" + heldId + "/confirm").status(), "only once");
    }

    static PersonRecord person3Suspended() {
        PersonRecord p3 = person(3);
        p3.orders.get(0).status = "suspended";
        return p3;
    }

    @Test
    @Order(6)
    void badRecordsAmongGoodOnesDroppedInTheInbox() throws Exception {
        PersonRecord good1 = person(50);
        PersonRecord badNhs = person(51);
        badNhs.nhsNumber = "9434765918";
        PersonRecord badStatus = person(52);
        badStatus.orders.get(0).status = "paused";
        PersonRecord good2 = person(53);
        drop("2026-12-03-bad-records.xml", extract("delta", "2026-12-03T06:00:00Z", "D3",
                List.of(good1, badNhs, badStatus, good2)));
        Path report = INBOX.resolve("error").resolve("2026-12-03-bad-records.xml.report.json");
        AdminClient.await("report in error/", () -> Files.exists(INBOX.resolve("error").resolve("2026-12-03-bad-records.xml"))
                && Files.exists(report));
        JsonNode json = MosaicExtracts.JSON.readTree(Files.readString(report));
        assertEquals("applied-with-rejections", json.get("outcome").asText());
        assertEquals(2, json.get("recordsApplied").asInt());
        assertEquals(2, json.get("recordsRejected").asInt());
        JsonNode first = json.get("problems").get(0);
        assertEquals(2, first.get("record").asInt());
        assertEquals(badNhs.personId, first.get("personId").asText());
        assertEquals("nhsNumber", first.get("field").asText());
        JsonNode second = json.get("problems").get(1);
        assertEquals(3, second.get("record").asInt());
        assertTrue(second.get("field").asText().contains("status"), second.toString());
        assertNotNull(patient(good1.personId));
        assertNotNull(order(good2.orders.get(0).orderNumber));
        assertEquals(0, fhir.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(Canonical.MOSAIC_PERSON, badNhs.personId))
                .returnBundle(Bundle.class).execute().getEntry().size(), "a rejected record writes nothing");
        // Also served by the API.
        assertTrue(MosaicExtracts.get(TENANT, "/extracts").body().get("reports").findValuesAsText("file")
                .contains("2026-12-03-bad-records.xml"));
    }

    @Test
    @Order(7)
    void anAppliedFileMovesToDoneAndHostileXmlIsRefused() throws Exception {
        drop("2026-12-04-delta.xml", extract("delta", "2026-12-04T06:00:00Z", "D4", List.of(person(60))));
        AdminClient.await("moved to .done", () -> {
            try (Stream<Path> s = Files.walk(INBOX.resolve(".done"))) {
                return s.anyMatch(p -> p.getFileName().toString().equals("2026-12-04-delta.xml.report.json"));
            } catch (IOException e) {
                return false;
            }
        });
        assertNotNull(patient(person(60).personId));

        Path resources = Path.of("..", "mappings", "src", "test", "resources", "mosaic");
        drop("2026-12-04-xxe.xml", Files.readAllBytes(resources.resolve("xxe.xml")));
        Path report = INBOX.resolve("error").resolve("2026-12-04-xxe.xml.report.json");
        AdminClient.await("xxe refused", () -> Files.exists(report));
        assertTrue(Files.readString(report).contains("\"rejected\""));

        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, Files.readAllBytes(resources.resolve("billion-laughs.xml")));
        assertEquals(422, r.status(), r.body().toString());
        assertEquals("rejected", r.body().get("outcome").asText());
        assertTrue(r.body().get("fatal").get("reason").asText().contains("DOCTYPE"), r.body().toString());
    }

    @Test
    @Order(8)
    void accessCodesAreKeptApartFromThePerson() {
        PersonRecord withCode = null;
        for (int i = 0; i < PEOPLE && withCode == null; i++) {
            PersonRecord p = person(i);
            if (p.access != null && p.access.keySafeCode != null) withCode = p;
        }
        assertNotNull(withCode, "the synthetic caseload has key safes");
        ServiceRequest o = order(withCode.orders.get(0).orderNumber);
        String reference = o.getSupportingInfo().stream()
                .filter(ref -> Canonical.ACCESS_ARRANGEMENT_REF.equals(ref.getIdentifier().getSystem()))
                .map(ref -> ref.getIdentifier().getValue()).findFirst().orElseThrow();
        String code = withCode.access.keySafeCode;
        assertEquals(1, count("select count(*) from mosaic_access_arrangement where reference = '" + reference
                + "' and key_safe_code = '" + code + "'"));
        String patientJson = GatewayServer.ctx().newJsonParser().encodeResourceToString(patient(withCode.personId));
        assertFalse(patientJson.contains("Key safe"), "no access instructions with the person");
        assertEquals(0, count("select count(*) from fhir_resource where content::text like '%Key safe left%'"),
                "no access arrangement in any FHIR resource");
    }

    @Test
    @Order(9)
    void aChangedOrderIsAnnouncedToItsProvider() {
        PersonRecord p = person(8);
        ServiceRequest current = order(p.orders.get(0).orderNumber);
        String provider = current.getPerformerFirstRep().getReferenceElement().getIdPart();
        receiver.stubFor(post("/hook").willReturn(ok()));
        Subscription s = new Subscription();
        s.setStatus(Subscription.SubscriptionStatus.ACTIVE);
        s.setReason("Order changes for the provider");
        s.setCriteria("ServiceRequest?performer=Organization/" + provider);
        s.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(receiver.baseUrl() + "/hook")
                .setPayload("application/fhir+json");
        fhir.create().resource(s).execute();

        p.orders.get(0).maxWeeklyHours = "37";
        String expected = current.getStatus() == ServiceRequest.ServiceRequestStatus.ONHOLD ? "order-changed" : "suspension";
        p.orders.get(0).status = "suspended";
        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, extract("delta", "2026-12-05T06:00:00Z", "D5", List.of(p)));
        assertEquals(200, r.status(), r.body().toString());
        String orderId = current.getIdElement().getIdPart();
        assertEquals(1, count("select count(*) from outbox_event where resource_id = '" + orderId
                + "' and kind = '" + expected + "' and recipients @> array['Organization/" + provider + "']"));
        AdminClient.await("delivered to the provider", () -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))
                .withHeader("X-CareBridge-Focus", equalTo("ServiceRequest/" + orderId))).size() == 1);

        // The same again: no change, no event.
        r = MosaicExtracts.upload(TENANT, extract("delta", "2026-12-05T07:00:00Z", "D6", List.of(p)));
        assertEquals("applied", r.body().get("outcome").asText());
        assertEquals(1, count("select count(*) from outbox_event where resource_id = '" + orderId + "'"
                + " and kind <> 'order-new'"), "one event: the unchanged order again announced nothing");
    }

    @Test
    @Order(10)
    void aCsvExtractUploadedAsTextCsv() throws Exception {
        String csv = Files.readString(Path.of("..", "mappings", "src", "test", "resources", "mosaic", "kent-full.csv"))
                .replace("extract,,kent,full,2026-11-23T06:00:00Z,KENT-FULL-20261123",
                        "extract,,lbhf,delta,2026-12-06T06:00:00Z,LBHF-CSV-1");
        MosaicExtracts.Reply r = MosaicExtracts.upload(TENANT, "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                MosaicExtracts.integrationToken(TENANT));
        assertEquals(200, r.status(), r.body().toString());
        assertEquals("applied", r.body().get("outcome").asText(), r.body().toString());
        assertTrue(r.body().get("recordsApplied").asInt() > 0);
        assertEquals("Fletcher", patient("P1001").getNameFirstRep().getFamily());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static long count(String sql) {
        return ctx.getBean(ResourceStore.class).inTenant(TENANT, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Written beside the inbox and moved in, as a report scheduler should, so no half file is read. */
    static void drop(String name, byte[] content) throws IOException {
        Path tmp = INBOX.getParent().resolve(name + ".part");
        Files.write(tmp, content);
        Files.move(tmp, INBOX.resolve(name));
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
