package org.carebridge.gateway.ecm;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.MovableClocks;
import org.carebridge.gateway.routes.AdminClient;
import org.carebridge.gateway.security.TestIssuer;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.carebridge.mappings.ecm.EcmSystems;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ECM end to end on a running gateway: orders and people as the Mosaic mapping shapes them, a week's rota posted
 * by the provider as a FHIR transaction, a day of events as a JSON push and a CSV file (duplicates, a check-out
 * before its check-in, a correction, a refusal, an unknown client), then visits, payable judgements and alerts read
 * back over FHIR as the council and as the provider; the missed-visit check raising its alert once, also from a
 * fresh scheduler on the same database with the clock moved; the unknown client's event replayed after its rota;
 * Kent's three consecutive refusals telling the council once (with its outbox event), also when all three come in
 * one batch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EcmEndToEndTest {
    static final String T = "kent";
    static final String ODS = "EC1";
    static final String API_KEY = "ecm-end-to-end-key";
    static final Path CONFIG = Path.of("target", "test-routes");
    static final Path INBOX = Path.of("target", "ecm-inbox", "ec1").toAbsolutePath();
    /** Day 0 of the rota: tomorrow, so every visit is in the future until the test moves the clock. */
    static final Instant DAY0 = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));

    static IGenericClient council;
    static IGenericClient provider;
    static final Map<String, String> ids = new HashMap<>();
    static JsonNode pushReport;
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static String providerToken(String ods) {
        return TestIssuer.token().sub("office-" + ods).org(ods).orgType("provider").roles("provider-office")
                .scope("system/*.rs system/Appointment.cu system/Encounter.cu system/Task.cu").sign();
    }

    @BeforeAll
    static void setUp() throws Exception {
        GatewayServer.start();
        council = GatewayServer.client(T);
        provider = GatewayServer.client(T, providerToken(ODS));
        ids.put("org", create(org(ODS, "ECM Care")));
        ids.put("other", create(org("EC2", "Other Care")));
        for (int i = 1; i <= 5; i++) {
            Patient p = new Patient();
            p.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue("ECM-P" + i);
            p.addName().setFamily("Ecm" + i);
            ids.put("P" + i, create(p));
            ids.put("O" + i, create(order("SDO-E" + i, ids.get("P" + i), i == 4 ? ids.get("other") : ids.get("org"))));
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(CONFIG);
        if (Files.exists(INBOX)) { // reports of an earlier run must not answer for this one
            try (var old = Files.walk(INBOX)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(INBOX);
        Files.writeString(CONFIG.resolve("kent.yaml"), """
                tenant: kent
                channels:
                  - id: ecm-push
                    kind: ecm-http-push
                    partner: ec1
                    parameters:
                      api-key-sha256: %s
                  - id: ecm-files
                    kind: ecm-csv-inbox
                    partner: ec1
                    parameters:
                      dir: %s
                      poll-ms: 100
                      read-lock: rename
                      feed.column.eventId: CallRef
                      feed.column.clientId: ServiceUser
                      feed.column.workerId: Carer
                      feed.column.type: Action
                      feed.kind.IN: check-in
                      feed.kind.OUT: check-out
                """.formatted(sha, INBOX));
        AdminClient.Reply r = AdminClient.post("/admin/routes/reload");
        assertEquals(200, r.status(), String.valueOf(r.body()));
    }

    @Test
    @Order(1)
    void providerPostsAWeeksRotaAsATransaction() {
        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int d = 0; d < 7; d++) {
            rota.addEntry(entry(visit("EV-P1-" + d, 1, DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(8)))));
            rota.addEntry(entry(visit("EV-P2-" + d, 2, DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(12)))));
            rota.addEntry(entry(visit("EV-P3-" + d, 3, DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(18)))));
        }
        Bundle response = provider.transaction().withBundle(rota).execute();
        assertEquals(21, response.getEntry().size());
        assertEquals("booked", appointment(council, "EV-P2-3").getStatus().toCode());

        // An order this provider does not deliver: the write is refused, nothing is planned.
        Bundle foreign = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        foreign.addEntry(entry(visit("EV-P4-0", 4, DAY0.plus(Duration.ofHours(9)))));
        assertThrows(BaseServerResponseException.class, () -> provider.transaction().withBundle(foreign).execute());
        assertEquals(0, council.search().forResource(Appointment.class)
                .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier(Canonical.ECM_VISIT, "EV-P4-0"))
                .returnBundle(Bundle.class).execute().getEntry().size());
    }

    @Test
    @Order(2)
    void aDayOfEventsAsJsonPushAndCsvFile() throws Exception {
        String json = """
                {"events": [
                  {"eventId": "J-2", "clientId": "ECM-P1", "orderId": "SDO-E1", "workerId": "CW-17", "type": "check-out",
                   "time": "%s", "method": "app", "locationVerified": true},
                  {"eventId": "J-1", "clientId": "ECM-P1", "orderId": "SDO-E1", "workerId": "CW-17", "type": "check-in",
                   "time": "%s", "method": "app", "locationVerified": true},
                  {"eventId": "J-1", "clientId": "ECM-P1", "orderId": "SDO-E1", "workerId": "CW-17", "type": "check-in",
                   "time": "%s", "method": "app", "locationVerified": true},
                  {"eventId": "J-3", "clientId": "ECM-P3", "workerId": "CW-18", "type": "refusal", "time": "%s",
                   "reason": "not today"},
                  {"eventId": "J-9", "clientId": "ECM-P5", "workerId": "CW-18", "type": "check-in", "time": "%s",
                   "method": "app"},
                  {"eventId": "J-bad", "clientId": "ECM-P1", "workerId": "CW-17", "type": "teleport", "time": "%s"}
                ]}""".formatted(at(0, 8, 31), at(0, 8, 2), at(0, 8, 2), at(0, 18, 5), at(0, 9, 1), at(0, 9, 0));
        HttpResponse<String> r = push(json, "application/json");
        assertEquals(202, r.statusCode(), r.body());
        pushReport = JSON.readTree(r.body()).get("report");
        assertEquals(3, pushReport.get("accepted").asInt(), r.body());
        assertEquals(1, pushReport.get("duplicates").asInt(), r.body());
        assertEquals(1, pushReport.get("rejected").asInt(), r.body());
        assertEquals(1, pushReport.get("invalid").asInt(), r.body());
        assertTrue(r.body().contains("UNKNOWN_CLIENT"), r.body());

        // The same push again changes nothing: every record is a duplicate except the unplaced and the invalid.
        JsonNode again = JSON.readTree(push(json, "application/json").body()).get("report");
        assertEquals(0, again.get("accepted").asInt());
        assertEquals(4, again.get("duplicates").asInt());

        // CSV in the inbox, with the provider's own column names: a late visit, a corrected check-out, and a
        // repeat of an event already pushed.
        String csv = "CallRef,ServiceUser,orderId,Carer,Action,time,method,locationVerified,supersedes\r\n"
                + "C-2,ECM-P2,SDO-E2,CW-20,OUT," + at(0, 13, 20) + ",app,true,\r\n"
                + "C-1,ECM-P2,SDO-E2,CW-20,IN," + at(0, 12, 50) + ",telephony,false,\r\n"
                + "C-3,ECM-P2,SDO-E2,CW-20,OUT," + at(0, 13, 25) + ",app,true,C-2\r\n"
                + "J-1,ECM-P1,SDO-E1,CW-17,IN," + at(0, 8, 2) + ",app,true,\r\n";
        Path tmp = Files.writeString(INBOX.resolve("day0.csv.part"), csv);
        Files.move(tmp, INBOX.resolve("day0.csv"), StandardCopyOption.ATOMIC_MOVE);
        Path report = INBOX.resolve(".reports").resolve("day0.csv.json");
        AdminClient.await("file report written", () -> Files.exists(report));
        JsonNode fileReport = JSON.readTree(Files.readString(report));
        assertEquals(3, fileReport.get("accepted").asInt(), fileReport.toString());
        assertEquals(1, fileReport.get("duplicates").asInt(), fileReport.toString());
    }

    @Test
    @Order(3)
    void visitsAndPayableJudgementsReadBackAsCouncilAndProvider() {
        Appointment a1 = appointment(council, "EV-P1-0");
        assertEquals("fulfilled", a1.getStatus().toCode(), "check-out before check-in still makes a delivered visit");
        Encounter e1 = encounter(council, a1);
        assertEquals(at(0, 8, 2), e1.getParticipantFirstRep().getPeriod().getStart().toInstant().toString());
        assertTrue(payable(e1), "delivered on time is payable");
        assertEquals(List.of("delivered"), payableReasons(e1));
        assertTrue(e1.getParticipantFirstRep().getIndividual().getIdentifier().getValue().startsWith("cw-"), "worker pseudonymised");
        assertFalse(GatewayServer.ctx().newJsonParser().encodeResourceToString(e1).contains("CW-17"));

        Appointment a2 = appointment(council, "EV-P2-0");
        assertEquals("fulfilled", a2.getStatus().toCode(), () -> GatewayServer.ctx().newJsonParser().encodeResourceToString(a2));
        Encounter e2 = encounter(council, a2);
        assertTrue(exceptions(e2).contains("late"), "50 minutes after the planned time is late in Kent (>= 45)");
        assertEquals(at(0, 13, 25), e2.getPeriod().getEnd().toInstant().toString(),
                "the correction's check-out time wins");

        Appointment a3 = appointment(council, "EV-P3-0");
        assertEquals("cancelled", a3.getStatus().toCode(), "refused");
        Encounter e3 = encounter(council, a3);
        assertFalse(payable(e3));
        assertTrue(payableReasons(e3).contains("refused"), payableReasons(e3).toString());

        // The provider sees its own visits; another provider sees none of them.
        assertEquals("fulfilled", appointment(provider, "EV-P1-0").getStatus().toCode());
        assertNotNull(encounter(provider, a1));
        IGenericClient stranger = GatewayServer.client(T, providerToken("EC2"));
        assertEquals(0, stranger.search().forResource(Appointment.class)
                .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier(Canonical.ECM_VISIT, "EV-P1-0"))
                .returnBundle(Bundle.class).execute().getEntry().size());
    }

    @Test
    @Order(4)
    void missedVisitAlertIsRaisedOnceAlsoByAFreshSchedulerOnTheSameDatabase() {
        ApplicationContext ctx = GatewayServer.start().getApplicationContext();
        MovableClocks.Ecm clock = ctx.getBean(MovableClocks.Ecm.class);
        // Day 0 is tomorrow, so now + 3 days is past day 1 12:00 + 2 h (Kent's threshold) for EV-P2-1, never checked in to.
        clock.advance(Duration.ofDays(3));
        List<Task> raised = ctx.getBean(MissedVisitScheduler.class).tick(T);
        assertTrue(raised.stream().anyMatch(t -> t.getIdentifierFirstRep().getValue().equals("kent/EV-P2-1/missed-visit")));
        assertEquals(1, alerts(council, "kent/EV-P2-1/missed-visit").size());
        assertEquals(0, alerts(council, "kent/EV-P1-0/missed-visit").size(), "a delivered visit is not missed");

        // A scheduler started afresh on the same database (as after a restart), later still: nothing twice.
        clock.advance(Duration.ofHours(1));
        MissedVisitScheduler fresh = new MissedVisitScheduler(ctx.getBean(ResourceStore.class), ctx.getBean(TenantRegistry.class),
                ctx.getBean(EcmTenants.class), ctx.getBean(VisitWriter.class), clock);
        List<Task> second = fresh.tick(T);
        assertTrue(second.stream().noneMatch(t -> t.getIdentifierFirstRep().getValue().startsWith("kent/EV-P2-1/")), second.toString());
        assertEquals(1, alerts(council, "kent/EV-P2-1/missed-visit").size());
        assertEquals("noshow", appointment(council, "EV-P2-1").getStatus().toCode());

        Task alert = alerts(provider, "kent/EV-P2-1/missed-visit").get(0);
        assertEquals("missed-visit", alert.getCode().getCodingFirstRep().getCode(), "the provider sees the council's alert");
        assertEquals(EcmSystems.TENANT, alert.getOwner().getIdentifier().getSystem());
    }

    @Test
    @Order(5)
    void unknownClientEventIsKeptAndReplayedOnceTheRotaArrives() {
        long deadLetter = pushReport.get("deadLetters").get(0).asLong();
        AdminClient.Reply dl = AdminClient.get("/admin/dead-letters/kent/" + deadLetter);
        assertEquals(200, dl.status(), String.valueOf(dl.body()));
        assertTrue(dl.body().toString().contains("UNKNOWN_CLIENT"), dl.body().toString());

        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        rota.addEntry(entry(visit("EV-P5-0", 5, DAY0.plus(Duration.ofHours(9)))));
        provider.transaction().withBundle(rota).execute();
        AdminClient.Reply replay = AdminClient.post("/admin/dead-letters/kent/" + deadLetter + "/replay");
        assertEquals(200, replay.status(), String.valueOf(replay.body()));
        assertEquals("arrived", appointment(council, "EV-P5-0").getStatus().toCode());
    }

    @Test
    @Order(6)
    void hospitalAdmissionRaisesTheCouncilsNotificationWithAnOutboxEvent() throws Exception {
        String json = """
                [{"eventId": "J-H1", "clientId": "ECM-P1", "orderId": "SDO-E1", "workerId": "CW-17",
                  "type": "person-in-hospital", "time": "%s", "reason": "admitted overnight"}]""".formatted(at(1, 8, 0));
        HttpResponse<String> r = push(json, "application/json");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(1, JSON.readTree(r.body()).get("report").get("alertsRaised").asInt(), r.body());
        Task alert = alerts(council, "kent/EV-P1-1/hospital-admission").get(0);
        assertEquals("hospital-admission", alert.getCode().getCodingFirstRep().getCode());
        assertEquals(1, alerts(provider, "kent/EV-P1-1/hospital-admission").size(), "the provider sees it too");
        assertEquals("cancelled", appointment(council, "EV-P1-1").getStatus().toCode());
        assertEquals(1, outboxAlerts(alert.getIdElement().getIdPart()),
                "the alert's outbox event was appended in the same transaction");
    }

    @Test
    @Order(7)
    void threeConsecutiveRefusalsOnAKentPackageRaiseTheCouncilsNotificationOnce() throws Exception {
        // P3's days 4-6, one push a day as they happen; days 1-3 are missed or not yet judged, so the run starts at day 4.
        for (int d = 4; d <= 6; d++) {
            HttpResponse<String> r = push(refusal("J-R" + d, d), "application/json");
            assertEquals(202, r.statusCode(), r.body());
            assertEquals(1, JSON.readTree(r.body()).get("report").get("accepted").asInt(), r.body());
            assertEquals(d == 6 ? 1 : 0, JSON.readTree(r.body()).get("report").get("alertsRaised").asInt(),
                    "K:2323: the third consecutive refusal, and only it, tells the council: " + r.body());
            assertEquals("cancelled", appointment(council, "EV-P3-" + d).getStatus().toCode());
        }
        // The same refusal again, and a correction of it that changes nothing, raise nothing more.
        assertEquals(1, JSON.readTree(push(refusal("J-R6", 6), "application/json").body()).get("report").get("duplicates").asInt());
        String corrected = refusal("J-R6b", 6).replace("\"type\"", "\"supersedes\": \"J-R6\", \"type\"");
        JsonNode again = JSON.readTree(push(corrected, "application/json").body()).get("report");
        assertEquals(0, again.get("alertsRaised").asInt(), again.toString());

        List<Task> repeated = council.search().forResource(Task.class)
                .where(Task.CODE.exactly().systemAndCode(EcmSystems.CS_NOTIFICATION_REASON, "repeated-refusal"))
                .and(Task.PATIENT.hasId("Patient/" + ids.get("P3")))
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Task) e.getResource()).toList();
        assertEquals(1, repeated.size(), "one notification for the run of three");
        Task alert = repeated.get(0);
        assertEquals("kent/EV-P3-6/repeated-refusal", alert.getIdentifierFirstRep().getValue());
        assertEquals(EcmSystems.TENANT, alert.getOwner().getIdentifier().getSystem(), "the council owns it");
        assertTrue(alert.getDescription().startsWith("3 consecutive refused visit(s)"), alert.getDescription());
        assertEquals(1, alerts(provider, "kent/EV-P3-6/repeated-refusal").size(), "the provider sees it too");
        assertEquals(1, outboxAlerts(alert.getIdElement().getIdPart()), "its outbox event, appended once");
    }

    @Test
    @Order(8)
    void threeRefusalsInOneBatchAlsoCountAsConsecutive() throws Exception {
        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int d = 1; d <= 3; d++) rota.addEntry(entry(visit("EV-P5-" + d, 5, DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(9)))));
        provider.transaction().withBundle(rota).execute();
        StringBuilder json = new StringBuilder("[");
        for (int d = 3; d >= 1; d--) { // in any order within the batch
            json.append(d < 3 ? "," : "").append("""
                    {"eventId": "J-R5-%d", "clientId": "ECM-P5", "workerId": "CW-18", "type": "refusal", "time": "%s"}"""
                    .formatted(d, at(d, 9, 2)));
        }
        HttpResponse<String> r = push(json.append("]").toString(), "application/json");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(3, JSON.readTree(r.body()).get("report").get("accepted").asInt(), r.body());
        assertEquals(1, JSON.readTree(r.body()).get("report").get("alertsRaised").asInt(), r.body());
        Task alert = alerts(council, "kent/EV-P5-3/repeated-refusal").get(0);
        assertEquals(1, outboxAlerts(alert.getIdElement().getIdPart()));
        assertEquals(0, alerts(council, "kent/EV-P5-2/repeated-refusal").size());
    }

    @Test
    @Order(9)
    void aCorrectionThatChangesNothingMakesNoNewVersionAndOneThatDoesMakesOne() throws Exception {
        Appointment a = appointment(council, "EV-P2-0");
        Encounter e = encounter(council, a);
        String restated = """
                [{"eventId": "J-C4", "clientId": "ECM-P2", "orderId": "SDO-E2", "workerId": "CW-20", "type": "check-out",
                  "time": "%s", "method": "app", "locationVerified": true, "supersedes": "C-3"}]""".formatted(at(0, 13, 25));
        HttpResponse<String> r = push(restated, "application/json");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(1, JSON.readTree(r.body()).get("report").get("accepted").asInt(), r.body());
        assertEquals(a.getMeta().getVersionId(), appointment(council, "EV-P2-0").getMeta().getVersionId());
        assertEquals(e.getMeta().getVersionId(), encounter(council, a).getMeta().getVersionId(),
                "the same check-out again: the visit's resources are what they were");
        assertEquals(Integer.parseInt(e.getMeta().getVersionId()), council.history()
                .onInstance(e.getIdElement().toUnqualifiedVersionless()).returnBundle(Bundle.class).execute().getTotal(),
                "no history row either");

        String moved = restated.replace("J-C4", "J-C5").replace("\"C-3\"", "\"J-C4\"").replace(at(0, 13, 25), at(0, 13, 40));
        assertEquals(202, push(moved, "application/json").statusCode());
        Encounter after = encounter(council, a);
        assertEquals(Integer.parseInt(e.getMeta().getVersionId()) + 1, Integer.parseInt(after.getMeta().getVersionId()));
        assertEquals(at(0, 13, 40), after.getPeriod().getEnd().toInstant().toString());
    }

    static String refusal(String eventId, int day) {
        return """
                [{"eventId": "%s", "clientId": "ECM-P3", "orderId": "SDO-E3", "workerId": "CW-18", "type": "refusal",
                  "time": "%s", "reason": "does not want the visit"}]""".formatted(eventId, at(day, 18, 3));
    }

    static long outboxAlerts(String taskId) {
        return count("select count(*) from outbox_event where tenant = ? and kind = 'alert'"
                + " and resource_type = 'Task' and resource_id = ?", T, taskId);
    }

    /** A count(*) statement's answer, run in the tenant given as its first parameter. */
    static long count(String sql, String tenant, String... params) {
        return GatewayServer.start().getApplicationContext().getBean(ResourceStore.class).inTenant(tenant, s -> {
            try (var ps = s.connection().prepareStatement(sql)) {
                ps.setString(1, tenant);
                for (int i = 0; i < params.length; i++) ps.setString(i + 2, params[i]);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static String at(int day, int hour, int minute) {
        return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute)).toString();
    }

    static HttpResponse<String> push(String body, String contentType) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/ingest/kent/ecm-push"))
                .header("X-Api-Key", API_KEY).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String create(org.hl7.fhir.r4.model.Resource r) {
        return council.create().resource(r).execute().getId().getIdPart();
    }

    static Organization org(String ods, String name) {
        Organization o = new Organization().setName(name);
        o.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods);
        return o;
    }

    /** An order as MosaicMapper makes it: the Mosaic order number, the person, the provider as performer. */
    static ServiceRequest order(String number, String patient, String org) {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + patient));
        sr.addIdentifier().setSystem(Canonical.MOSAIC_ORDER).setValue(number);
        sr.addPerformer(new Reference("Organization/" + org));
        sr.setOccurrence(new Period().setStart(Date.from(DAY0.minus(Duration.ofDays(30)))));
        return sr;
    }

    static Appointment visit(String visitId, int person, Instant start) {
        Appointment a = plannedVisit(visitId, ids.get("O" + person), ids.get("P" + person), start);
        a.addExtension(EcmSystems.EXT_TIME_CRITICAL, new BooleanType(false));
        return a;
    }

    /** A 30-minute planned visit of the rota, as a provider posts it. */
    static Appointment plannedVisit(String visitId, String order, String patient, Instant start) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        a.addIdentifier().setSystem(Canonical.ECM_VISIT).setValue(visitId);
        a.addBasedOn(new Reference("ServiceRequest/" + order));
        a.addParticipant().setActor(new Reference("Patient/" + patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    static Bundle.BundleEntryComponent entry(Appointment a) {
        Bundle.BundleEntryComponent e = new Bundle.BundleEntryComponent().setResource(a);
        e.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Appointment");
        return e;
    }

    static Appointment appointment(IGenericClient c, String visitId) {
        Bundle b = c.search().forResource(Appointment.class)
                .where(Appointment.IDENTIFIER.exactly().systemAndIdentifier(Canonical.ECM_VISIT, visitId))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, b.getEntry().size(), "one Appointment for " + visitId);
        return (Appointment) b.getEntryFirstRep().getResource();
    }

    static Encounter encounter(IGenericClient c, Appointment a) {
        Bundle b = c.search().forResource(Encounter.class)
                .where(Encounter.APPOINTMENT.hasId("Appointment/" + a.getIdElement().getIdPart()))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, b.getEntry().size(), "one Encounter for " + a.getIdElement().getIdPart());
        return (Encounter) b.getEntryFirstRep().getResource();
    }

    static List<Task> alerts(IGenericClient c, String key) {
        return c.search().forResource(Task.class)
                .where(Task.IDENTIFIER.exactly().systemAndIdentifier(EcmSystems.ALERT_KEY, key))
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Task) e.getResource()).toList();
    }

    static boolean payable(Encounter e) {
        return ((BooleanType) e.getExtensionByUrl(EcmSystems.EXT_PAYABLE).getExtensionByUrl("payable").getValue()).booleanValue();
    }

    static List<String> payableReasons(Encounter e) {
        return e.getExtensionByUrl(EcmSystems.EXT_PAYABLE).getExtensionsByUrl("reason").stream()
                .map(x -> ((Coding) x.getValue()).getCode()).toList();
    }

    static List<String> exceptions(Encounter e) {
        return e.getExtensionsByUrl(EcmSystems.EXT_VISIT_EXCEPTION).stream()
                .map(Extension::getValue).map(v -> ((org.hl7.fhir.r4.model.CodeableConcept) v).getCodingFirstRep().getCode()).toList();
    }
}
