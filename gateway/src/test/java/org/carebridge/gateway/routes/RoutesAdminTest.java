package org.carebridge.gateway.routes;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integration staff operate routes through the admin API of the running gateway: configuration files are
 * written and reloaded (no restart), failures become dead letters that are replayed after a fix.
 */
class RoutesAdminTest {
    static final Path CONFIG = Path.of("target", "test-routes");
    static final Path INBOX = Path.of("target", "test-inbox").toAbsolutePath();

    @BeforeAll
    static void start() throws IOException {
        GatewayServer.start();
        if (Files.exists(INBOX)) {
            try (Stream<Path> s = Files.walk(INBOX)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(CONFIG);
    }

    @AfterEach
    void unfix() {
        TestChannelHandler.fixed = false;
    }

    static String inbox(String id, String partner) {
        return """
                  - id: %s
                    kind: ecm-csv-inbox
                    partner: %s
                    handler: test-csv
                    parameters:
                      dir: %s
                      poll-ms: 100
                      read-lock: rename
                """.formatted(id, partner, INBOX.resolve(id));
    }

    static void writeKent(String... channels) throws IOException {
        Files.writeString(CONFIG.resolve("kent.yaml"), "tenant: kent\nchannels:\n" + String.join("", channels));
    }

    static AdminClient.Reply reload() {
        return AdminClient.post("/admin/routes/reload");
    }

    static void drop(String channel, String name, String content) throws IOException {
        Path dir = Files.createDirectories(INBOX.resolve(channel));
        Path tmp = Files.writeString(dir.resolve(name + ".part"), content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static int deadLetters(String query) {
        AdminClient.Reply r = AdminClient.get("/admin/dead-letters?" + query);
        assertEquals(200, r.status(), String.valueOf(r.body()));
        return r.body().path("deadLetters").size(); // Micronaut omits empty lists
    }

    static JsonNode route(String routeId) {
        for (JsonNode r : AdminClient.get("/admin/routes").body().get("routes")) {
            if (r.get("routeId").asText().equals(routeId)) return r;
        }
        return null;
    }

    @Test
    void providerInboxIsAddedByWritingAFileAndReloadingWithoutRestart() throws IOException {
        writeKent(inbox("acme-ecm", "acme-care"));
        AdminClient.Reply r = reload();
        assertEquals(200, r.status(), String.valueOf(r.body()));
        drop("acme-ecm", "visits-1.csv", "visit,1");
        AdminClient.await("first file handled", () -> TestChannelHandler.HANDLED.contains("kent/acme-ecm/acme-care:visit,1"));

        writeKent(inbox("acme-ecm", "acme-care"), inbox("bravo-ecm", "bravo-homecare"));
        r = reload();
        assertEquals("[\"kent.bravo-ecm\"]", r.body().get("added").toString());
        assertTrue(r.body().get("unchanged").toString().contains("kent.acme-ecm"), r.body().toString());
        drop("bravo-ecm", "visits-2.csv", "visit,2");
        AdminClient.await("new inbox handled", () -> TestChannelHandler.HANDLED.contains("kent/bravo-ecm/bravo-homecare:visit,2"));

        JsonNode acme = route("kent.acme-ecm");
        assertEquals("Started", acme.get("state").asText());
        assertTrue(acme.get("in").asLong() >= 1 && acme.get("out").asLong() >= 1, acme.toString());
        assertEquals("kent.yaml:3:5", acme.get("source").asText());
        assertFalse(acme.path("lastSuccess").isMissingNode());
        assertTrue(RecordingAdminAudit.RECORDS.contains(AdminClient.SUBJECT + " routes.reload target/test-routes ok"),
                RecordingAdminAudit.RECORDS.toString());
    }

    @Test
    void brokenConfigurationIsReportedWithFileAndLineAndChangesNothing() throws IOException {
        writeKent(inbox("acme-ecm", "acme-care"));
        assertEquals(200, reload().status());
        Files.writeString(CONFIG.resolve("kent.yaml"), """
                tenant: kent
                channels:
                  - id: acme-ecm
                    kind: ecm-csv-inbox-typo
                    partner: acme-care
                """);
        try {
            checkRefused();
        } finally {
            writeKent(inbox("acme-ecm", "acme-care")); // other tests reload this directory
        }
    }

    private void checkRefused() {
        AdminClient.Reply v = AdminClient.post("/admin/routes/validate");
        assertEquals(200, v.status());
        assertFalse(v.body().get("valid").asBoolean());
        assertTrue(v.body().get("problems").get(0).asText().startsWith("kent.yaml:4:11: unknown kind 'ecm-csv-inbox-typo'"),
                v.body().toString());
        AdminClient.Reply r = reload();
        assertEquals(422, r.status());
        assertEquals("Started", route("kent.acme-ecm").get("state").asText(), "the running route is untouched");
        assertTrue(RecordingAdminAudit.RECORDS.contains(AdminClient.SUBJECT + " routes.reload target/test-routes invalid"));
    }

    @Test
    void failedMessageIsKeptAsDeadLetterAndReplayedAfterTheFix() throws IOException {
        writeKent(inbox("carer-ecm", "carer-co"));
        assertEquals(200, reload().status());
        drop("carer-ecm", "bad-visits.csv", "visit\nFAIL");
        AdminClient.await("dead letter stored", () -> deadLetters("tenant=kent&route=kent.carer-ecm&status=new") == 1);
        JsonNode listed = AdminClient.get("/admin/dead-letters?tenant=kent&q=bad-visits").body().get("deadLetters");
        assertEquals(1, listed.size(), "searchable by file name");
        assertEquals(1, deadLetters("tenant=kent&route=kent.carer-ecm&q=RULE%20PACK"), "searchable by error text");
        assertEquals(0, deadLetters("tenant=kent&route=kent.carer-ecm&q=no-such-text"));
        long id = listed.get(0).get("id").asLong();
        JsonNode letter = AdminClient.get("/admin/dead-letters/kent/" + id).body();
        assertEquals("IllegalArgumentException", letter.get("errorClass").asText());
        assertEquals("line 2: visit status 'X' is not in the rule pack", letter.get("errorMessage").asText());
        assertEquals("visit\nFAIL", letter.get("payloadText").asText());
        assertEquals("bad-visits.csv", letter.get("headers").get("CamelFileName").asText());
        assertEquals("carer-co", letter.get("partner").asText());

        AdminClient.Reply again = AdminClient.post("/admin/dead-letters/kent/" + id + "/replay");
        assertEquals(422, again.status(), "still broken: the letter stays open");
        assertEquals(2, AdminClient.get("/admin/dead-letters/kent/" + id).body().get("attempts").asInt());

        TestChannelHandler.fixed = true;
        AdminClient.Reply replayed = AdminClient.post("/admin/dead-letters/kent/" + id + "/replay");
        assertEquals(200, replayed.status(), String.valueOf(replayed.body()));
        assertTrue(TestChannelHandler.HANDLED.contains("kent/carer-ecm/carer-co:visit\nFAIL"));
        JsonNode after = AdminClient.get("/admin/dead-letters/kent/" + id).body();
        assertEquals("replayed", after.get("status").asText());
        assertEquals(AdminClient.SUBJECT, after.get("resolvedBy").asText());
        assertEquals(409, AdminClient.post("/admin/dead-letters/kent/" + id + "/replay").status(), "replayed only once");
        assertTrue(RecordingAdminAudit.RECORDS.contains(AdminClient.SUBJECT + " dead-letter.replay kent/" + id + " ok"));
    }

    @Test
    void deadLetterCanBeDiscarded() throws IOException {
        writeKent(inbox("delta-ecm", "delta-care"));
        assertEquals(200, reload().status());
        drop("delta-ecm", "junk.csv", "FAIL");
        AdminClient.await("dead letter stored", () -> deadLetters("tenant=kent&route=kent.delta-ecm") == 1);
        long id = AdminClient.get("/admin/dead-letters?tenant=kent&route=kent.delta-ecm").body().get("deadLetters").get(0).get("id").asLong();
        assertEquals(200, AdminClient.post("/admin/dead-letters/kent/" + id + "/discard").status());
        assertEquals("discarded", AdminClient.get("/admin/dead-letters/kent/" + id).body().get("status").asText());
        assertEquals(401, AdminClient.get("/admin/dead-letters/lbhf/" + id).status(), "a Kent token is no credential for lbhf");
        AdminClient.Reply other = AdminClient.send(java.net.http.HttpRequest.newBuilder(
                URI.create(GatewayServer.baseUrl() + "/admin/dead-letters/lbhf/" + id)).GET(), AdminClient.token("lbhf"));
        assertEquals(404, other.status(), "another council cannot see it");
    }

    @Test
    void operatorStopsSuspendsAndStartsOneRouteAndHealthShowsAFailingRoute() throws IOException {
        writeKent(inbox("echo-ecm", "echo-care"), inbox("foxtrot-ecm", "foxtrot-care"));
        assertEquals(200, reload().status());
        assertEquals("Stopped", AdminClient.post("/admin/routes/kent.echo-ecm/stop").body().get("state").asText());
        assertEquals("Started", route("kent.foxtrot-ecm").get("state").asText(), "the other route runs on");
        assertTrue(route("kent.echo-ecm").get("heldByOperator").asBoolean());
        assertEquals(200, health(), "a route stopped by an operator is not a failure");
        assertEquals("Started", AdminClient.post("/admin/routes/kent.echo-ecm/start").body().get("state").asText());
        assertEquals("Suspended", AdminClient.post("/admin/routes/kent.echo-ecm/suspend").body().get("state").asText());
        assertEquals("Started", AdminClient.post("/admin/routes/kent.echo-ecm/start").body().get("state").asText());
        assertEquals(404, AdminClient.post("/admin/routes/kent.nope/stop").status());

        drop("foxtrot-ecm", "broken.csv", "FAIL");  // three failed attempts in a row
        AdminClient.await("health DOWN", () -> health() == 503);
        drop("foxtrot-ecm", "good.csv", "visit,9");
        AdminClient.await("health UP again", () -> health() == 200);
    }

    @Test
    void adminApiRefusesCallersWithoutTheRoleAndAuditsThem() {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/admin/routes/kent.acme-ecm/stop"))
                .POST(HttpRequest.BodyPublishers.noBody());
        assertEquals(401, AdminClient.send(b, null).status());
        assertEquals(401, AdminClient.send(b.copy(), "not-a-token").status());
        // a valid Kent council token without the role: 403
        assertEquals(403, AdminClient.send(b.copy(), GatewayServer.councilAuthorization("kent").substring(7)).status());
        // Lbhf's integration staff may not operate Kent's routes
        String lbhf = org.carebridge.gateway.security.TestIssuer.token().org("205").orgType("council")
                .roles("council-integration").scope("system/*.cruds").sign();
        assertEquals(403, AdminClient.send(b.copy(), lbhf).status());
        assertTrue(RecordingAdminAudit.RECORDS.stream().anyMatch(r -> r.endsWith(" route.stop kent.acme-ecm denied")),
                RecordingAdminAudit.RECORDS.toString());
        // refusals by the gate go to the audit log proper
        var audit = GatewayServer.start().getApplicationContext().getBean(org.carebridge.gateway.audit.AuditLog.class);
        audit.flush();
        assertTrue(audit.search("kent", null, null, null, null, 1000).stream()
                .anyMatch(r -> r.action().equals("refusal:admin") && r.outcome() == 403), "refusal audited");
    }

    @Test
    void ecmPushChannelAcceptsWithTheRightKeyOnly() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(StandardCharsets.UTF_8)));
        writeKent("""
                  - id: golf-push
                    kind: ecm-http-push
                    partner: golf-care
                    handler: test-csv
                    parameters:
                      api-key-sha256: %s
                """.formatted(hash));
        assertEquals(200, reload().status());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/ingest/kent/golf-push"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("visit,push"));
        assertEquals(401, AdminClient.send(b.copy().header("X-Api-Key", "wrong"), null).status());
        AdminClient.Reply ok = AdminClient.send(b.copy().header("X-Api-Key", "s3cret"), null);
        assertEquals(202, ok.status());
        assertEquals("accepted", ok.body().get("status").asText());
        assertTrue(TestChannelHandler.HANDLED.contains("kent/golf-push/golf-care:visit,push"));
        AdminClient.Reply held = AdminClient.send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/ingest/kent/golf-push"))
                .header("X-Api-Key", "s3cret").POST(HttpRequest.BodyPublishers.ofString("FAIL")), null);
        assertEquals("held", held.body().get("status").asText());
    }

    static int health() {
        try {
            return AdminClient.HTTP.send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/health")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
