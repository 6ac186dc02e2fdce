package org.carebridge.gateway.routes;

import com.fasterxml.jackson.databind.JsonNode;
import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Admin calls that name no tenant (list, validate, reload) act on the caller's own tenant only; and the
 * {@code carebridge-admin} CLI, run against the real gateway, prints what the API answers.
 */
class AdminTenantScopeAndCliTest {
    @BeforeAll
    static void start() throws IOException {
        GatewayServer.start();
        Files.createDirectories(RoutesAdminTest.CONFIG);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(RoutesAdminTest.CONFIG.resolve("lbhf.yaml"));
        AdminClient.send(post("/admin/routes/reload"), AdminClient.token("lbhf"));
        RoutesAdminTest.writeKent(RoutesAdminTest.inbox("acme-ecm", "acme-care"));
        RoutesAdminTest.reload();
    }

    private static HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + path)).GET();
    }

    private static void writeLbhf(String body) throws IOException {
        Files.writeString(RoutesAdminTest.CONFIG.resolve("lbhf.yaml"), "tenant: lbhf\nchannels:\n" + body);
    }

    private static List<String> routeIds(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("routes").forEach(r -> out.add(r.get("routeId").asText()));
        return out;
    }

    @Test
    void listValidateAndReloadActOnTheCallersTenantOnly() throws IOException {
        RoutesAdminTest.writeKent(RoutesAdminTest.inbox("acme-ecm", "acme-care"));
        writeLbhf(RoutesAdminTest.inbox("fulham-ecm", "fulham-care"));
        AdminClient.Reply kentReload = AdminClient.send(post("/admin/routes/reload"), AdminClient.token("kent"));
        assertEquals(200, kentReload.status(), String.valueOf(kentReload.body()));
        assertFalse(kentReload.body().toString().contains("lbhf."), "a Kent reload does not apply Lbhf's file");
        assertFalse(routeIds(AdminClient.send(get("/admin/routes"), AdminClient.token("kent")).body()).contains("lbhf.fulham-ecm"));

        AdminClient.Reply lbhfReload = AdminClient.send(post("/admin/routes/reload"), AdminClient.token("lbhf"));
        assertEquals(200, lbhfReload.status(), String.valueOf(lbhfReload.body()));
        assertEquals("[\"lbhf.fulham-ecm\"]", lbhfReload.body().get("added").toString());
        assertFalse(lbhfReload.body().toString().contains("kent."), lbhfReload.body().toString());

        List<String> kentRoutes = routeIds(AdminClient.send(get("/admin/routes"), AdminClient.token("kent")).body());
        List<String> lbhfRoutes = routeIds(AdminClient.send(get("/admin/routes"), AdminClient.token("lbhf")).body());
        assertTrue(kentRoutes.contains("kent.acme-ecm"), kentRoutes.toString());
        assertTrue(kentRoutes.stream().allMatch(r -> r.startsWith("kent.")), kentRoutes.toString());
        assertEquals(List.of("lbhf.fulham-ecm"), lbhfRoutes);

        // Lbhf breaks its file: Lbhf's validate and reload say so; Kent's are not affected and name nothing of Lbhf's.
        writeLbhf("  - id: fulham-ecm\n    kind: no-such-kind\n    partner: fulham-care\n");
        AdminClient.Reply lbhfValidate = AdminClient.send(post("/admin/routes/validate"), AdminClient.token("lbhf"));
        assertFalse(lbhfValidate.body().get("valid").asBoolean());
        assertTrue(lbhfValidate.body().get("problems").toString().contains("lbhf.yaml"));
        assertEquals(422, AdminClient.send(post("/admin/routes/reload"), AdminClient.token("lbhf")).status());
        AdminClient.Reply kentValidate = AdminClient.send(post("/admin/routes/validate"), AdminClient.token("kent"));
        assertTrue(kentValidate.body().get("valid").asBoolean(), kentValidate.body().toString());
        assertFalse(kentValidate.body().toString().contains("lbhf"), kentValidate.body().toString());
        assertEquals(200, AdminClient.send(post("/admin/routes/reload"), AdminClient.token("kent")).status());
        assertEquals(List.of("lbhf.fulham-ecm"), routeIds(AdminClient.send(get("/admin/routes"), AdminClient.token("lbhf")).body()),
                "Lbhf's running channel is untouched by Kent's reload and by its own refused one");
    }

    private record Run(int exit, String out) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new AdminCli());
        cmd.setOut(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of("--url", GatewayServer.baseUrl(), "--token", AdminClient.token("kent")));
        all.addAll(List.of(args));
        int exit = cmd.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString());
    }

    @Test
    void theCliListsValidatesReloadsAndListsDeadLetters() throws Exception {
        RoutesAdminTest.writeKent(RoutesAdminTest.inbox("cli-ecm", "cli-care"));
        Run reload = cli("reload");
        assertEquals(0, reload.exit(), reload.out());
        JsonNode r = AdminClient.JSON.readTree(reload.out());
        assertTrue(r.get("applied").asBoolean());
        assertTrue(r.get("added").toString().contains("kent.cli-ecm"), reload.out());

        Run list = cli("list");
        assertEquals(0, list.exit(), list.out());
        assertTrue(routeIds(AdminClient.JSON.readTree(list.out())).contains("kent.cli-ecm"), list.out());

        Run validate = cli("validate");
        assertEquals(0, validate.exit());
        assertEquals(1, AdminClient.JSON.readTree(validate.out()).get("channels").asInt(), validate.out());

        // A file the handler rejects becomes a dead letter, and the CLI lists it.
        RoutesAdminTest.drop("cli-ecm", "bad-cli.csv", "FAIL,cli");
        AdminClient.await("dead letter", () -> {
            Run dl = cli("dead-letters", "kent", "--route", "kent.cli-ecm");
            return dl.exit() == 0 && dl.out().contains("kent.cli-ecm");
        });
        Run dead = cli("dead-letters", "kent", "--route", "kent.cli-ecm", "--status", "new");
        JsonNode letters = AdminClient.JSON.readTree(dead.out()).get("deadLetters");
        assertTrue(letters.size() >= 1, dead.out());
        assertEquals("new", letters.get(0).get("status").asText());
        assertTrue(letters.get(0).get("errorMessage").asText().contains("rule pack"), dead.out());

        // Refusals exit 1 and print the API's reason.
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new AdminCli());
        cmd.setOut(new PrintWriter(out, true));
        int exit = cmd.execute("--url", GatewayServer.baseUrl(), "--token", "not-a-token", "list");
        assertEquals(1, exit);
        assertTrue(out.toString().contains("error"), out.toString());
    }
}
