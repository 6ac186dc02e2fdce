package org.carebridge.gateway.outbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.carebridge.gateway.routes.AdminClient;
import org.carebridge.gateway.store.EmbeddedPostgresServer;
import org.carebridge.gateway.store.ResourceStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway process is killed (SIGKILL, no shutdown) while it delivers notifications; a new gateway on the
 * same database finishes the job. The receiver, deduplicating on X-Delivery-Id, gets every notification once,
 * in order per person: nothing is lost.
 */
class GatewayKilledMidDeliveryTest {
    static final String TENANT = "kent";
    static final Path WORK = Path.of("target", "killed-gateway").toAbsolutePath();
    static WireMockServer wm;
    static EmbeddedPostgresServer pg;
    static HikariDataSource ds;
    static Process child;
    static EmbeddedServer restarted;

    @AfterAll
    static void cleanUp() {
        if (child != null) child.destroyForcibly();
        if (restarted != null) restarted.getApplicationContext().close();
        if (ds != null) ds.close();
        if (pg != null) pg.close();
        if (wm != null) wm.stop();
    }

    @Test
    void nothingIsLostWhenTheGatewayIsKilledMidDelivery() throws Exception {
        deleteRecursively(WORK);
        Path config = Files.createDirectories(WORK.resolve("routes"));
        Files.writeString(config.resolve("kent.yaml"), """
                tenant: kent
                channels:
                  - id: notify
                    kind: outbound-notification
                    parameters: {poll-ms: 100, backoff-ms: 100, max-backoff-ms: 500, timeout-ms: 5000, max-attempts: 50}
                """);
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(post("/hook").willReturn(ok().withFixedDelay(300)));
        // The database outlives the gateway process, as a real PostgreSQL would.
        pg = EmbeddedPostgresServer.start(WORK.resolve("postgres"), 0);

        int port = freePort();
        child = startGatewayProcess(port, config);
        String base = "http://localhost:" + port;
        AdminClient.await("child gateway up", () -> up(base));

        FhirContext fhirCtx = FhirContext.forR4Cached();
        fhirCtx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        var fhir = fhirCtx.newRestfulGenericClient(base + "/fhir/" + TENANT);
        fhir.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(
                org.carebridge.gateway.security.TestIssuer.council(TENANT)));
        String sub = fhir.create().resource(OutboxFixtures.subscription("acme-care", wm.baseUrl() + "/hook")).execute()
                .getId().getIdPart();

        ds = new HikariDataSource();
        ds.setJdbcUrl(pg.jdbcUrl());
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setAutoCommit(false);
        ResourceStore store = new ResourceStore(ds);
        OutboxWriter writer = new OutboxWriter();
        Map<Long, String> personOf = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            for (String person : List.of("p-ann", "p-ben")) {
                String order = person + "-order-" + i;
                personOf.put(store.inTenant(TENANT, s -> writer.append(s, OutboxFixtures.event(person, "acme-care", order))), person);
            }
        }

        AdminClient.await("some delivered", () -> Receiver.requests(wm, "/hook") >= 4);
        Thread.sleep(120); // the next delivery is now waiting for its (slow) answer
        child.destroyForcibly().waitFor();
        int deliveredBeforeKill = delivered(store, sub);
        assertTrue(deliveredBeforeKill < personOf.size(), "killed before the end (" + deliveredBeforeKill + ")");

        restarted = ApplicationContext.builder().deduceEnvironment(false).environments("restart")
                .properties(gatewayProperties(-1, config)).start().getBean(EmbeddedServer.class).start();
        AdminClient.await("all delivered after restart", () -> delivered(store, sub) == personOf.size());

        Map<String, Long> seqOfId = new LinkedHashMap<>();
        personOf.keySet().forEach(seq -> seqOfId.put(OutboxDispatcher.deliveryId(TENANT, sub, seq).toString(), seq));
        List<String> accepted = Receiver.acceptedDeliveryIds(wm, "/hook");
        assertEquals(new HashSet<>(seqOfId.keySet()), new HashSet<>(accepted), "every notification, once after dedup");
        for (String person : List.of("p-ann", "p-ben")) {
            List<Long> order = new ArrayList<>();
            accepted.stream().map(seqOfId::get).filter(seq -> personOf.get(seq).equals(person)).forEach(order::add);
            assertEquals(order.stream().sorted().toList(), order, "in order for " + person);
        }
        System.out.printf("killed after %d committed deliveries; receiver saw %d requests for %d notifications%n",
                deliveredBeforeKill, Receiver.requests(wm, "/hook"), seqOfId.size());
    }

    static Map<String, Object> gatewayProperties(int port, Path config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", port);
        p.put("datasources.default.url", pg.jdbcUrl());
        p.put("datasources.default.username", "postgres");
        p.put("datasources.default.password", "postgres");
        p.put("carebridge.routes.config-dir", config.toString());
        p.put("carebridge.outbox.allow-http", true);
        // the test identity provider, as application-test.yml configures it for the in-process gateway
        String issuer = "carebridge.tenants." + TENANT + ".issuers.test.";
        p.put(issuer + "issuer", org.carebridge.gateway.security.TestIssuer.ISSUER);
        p.put(issuer + "jwks-url", "http://localhost:" + org.carebridge.gateway.security.TestIssuer.start() + "/jwks.json");
        p.put(issuer + "audience", org.carebridge.gateway.security.TestIssuer.AUDIENCE);
        p.put("carebridge.security.jwks-refresh-min-interval", "0s");
        return p;
    }

    static Process startGatewayProcess(int port, Path config) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path")));
        gatewayProperties(port, config).forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("org.carebridge.gateway.Application");
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("child-gateway.log").toFile()).start();
    }

    static boolean up(String base) {
        if (!child.isAlive()) throw new AssertionError("child gateway exited; see " + WORK.resolve("child-gateway.log"));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static int delivered(ResourceStore store, String sub) {
        return store.inTenant(TENANT, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "select count(*) from delivery where tenant = ? and subscription_id = ? and status = 'delivered'")) {
                ps.setString(1, TENANT);
                ps.setString(2, sub);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
