package org.carebridge.gateway.outbox;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.routes.AdminClient;
import org.carebridge.gateway.store.ResourceStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications from the outbox to rest-hook Subscriptions whose endpoints misbehave: a 500, a response slower
 * than the client timeout, a connection reset, then 200. From the receiver's side every notification arrives
 * exactly once (after deduplication on X-Delivery-Id) and in order per person.
 */
class OutboxDeliveryTest {
    static final String TENANT = "lbhf";
    static WireMockServer wm;
    static ApplicationContext ctx;
    static IGenericClient fhir;

    @BeforeAll
    static void start() throws Exception {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ctx = GatewayServer.start().getApplicationContext();
        fhir = GatewayServer.client(TENANT);
        Path config = Path.of("target", "test-routes");
        Files.createDirectories(config);
        Files.deleteIfExists(config.resolve("kent.yaml")); // left by route tests; this class needs only lbhf
        Files.writeString(config.resolve("lbhf.yaml"), """
                tenant: lbhf
                channels:
                  - id: notify
                    kind: outbound-notification
                    parameters:
                      poll-ms: 100
                      backoff-ms: 100
                      max-backoff-ms: 400
                      timeout-ms: 700
                      max-attempts: 6
                """);
        AdminClient.Reply r = AdminClient.postAs("lbhf", "/admin/routes/reload"); // reload applies the caller's tenant only
        assertEquals(200, r.status(), String.valueOf(r.body()));
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    static String subscribe(String organization, String path) {
        return fhir.create().resource(OutboxFixtures.subscription(organization, wm.baseUrl() + path)).execute()
                .getId().getIdPart();
    }

    static long append(String person, String organization, String order) {
        return ctx.getBean(ResourceStore.class).inTenant(TENANT, s -> ctx.getBean(OutboxWriter.class).append(s,
                OutboxFixtures.event(person, organization, order)));
    }

    @Test
    void everyNotificationArrivesOnceAndInOrderPerPersonDespite500TimeoutAndReset() {
        wm.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serverError()).willSetStateTo("slow"));
        wm.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(ok().withFixedDelay(2000)).willSetStateTo("reset"));
        wm.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("fine"));
        wm.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("fine").willReturn(ok()));
        wm.stubFor(post("/elsewhere").willReturn(ok()));
        String sub = subscribe("acme-care", "/hook");
        subscribe("other-care", "/elsewhere");

        Map<Long, String> personOf = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            personOf.put(append("p-ada", "acme-care", "order-a" + i), "p-ada");
            personOf.put(append("p-bo", "acme-care", "order-b" + i), "p-bo");
        }
        Map<String, Long> seqOfId = new LinkedHashMap<>();
        personOf.keySet().forEach(seq -> seqOfId.put(OutboxDispatcher.deliveryId(TENANT, sub, seq).toString(), seq));

        AdminClient.await("all delivered", () -> Receiver.acceptedDeliveryIds(wm, "/hook").size() == seqOfId.size()
                && delivered(sub) == seqOfId.size());
        List<String> accepted = Receiver.acceptedDeliveryIds(wm, "/hook");
        assertEquals(seqOfId.keySet(), new java.util.HashSet<>(accepted), "each notification once after dedup");
        for (String person : List.of("p-ada", "p-bo")) {
            List<Long> order = new ArrayList<>();
            accepted.stream().map(seqOfId::get).filter(seq -> personOf.get(seq).equals(person)).forEach(order::add);
            assertEquals(order.stream().sorted().toList(), order, "in order for " + person);
        }
        assertTrue(Receiver.requests(wm, "/hook") >= seqOfId.size() + 3, "the failures really happened");
        wm.verify(postRequestedFor(urlEqualTo("/hook")).withHeader("Authorization", equalTo("Bearer receiver-token")));
        assertEquals(0, Receiver.requests(wm, "/elsewhere"), "another provider hears nothing about these people");
    }

    @Test
    void deliveryThatKeepsFailingIsDeadLetteredThenReplayed() {
        wm.stubFor(post("/down").willReturn(serverError()));
        String sub = subscribe("down-care", "/down");
        long seq = append("p-cy", "down-care", "order-c1");
        AdminClient.await("dead-lettered", () -> deadLetterFor(sub) != null);
        assertEquals(6, Receiver.requests(wm, "/down"), "max-attempts tries");
        JsonNode letter = deadLetterFor(sub);
        assertEquals("outbound-notification", letter.get("kind").asText());
        assertTrue(letter.get("errorMessage").asText().contains("HTTP 500"));

        wm.stubFor(post("/down").willReturn(ok()));
        AdminClient.Reply r = AdminClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(GatewayServer.baseUrl()
                + "/admin/dead-letters/lbhf/" + letter.get("id").asLong() + "/replay")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()),
                AdminClient.token("lbhf"));
        assertEquals(200, r.status(), String.valueOf(r.body()));
        AdminClient.await("delivered after replay", () -> Receiver.acceptedDeliveryIds(wm, "/down")
                .equals(List.of(OutboxDispatcher.deliveryId(TENANT, sub, seq).toString())));
    }

    @Test
    void subscriptionMustNameItsAudience() {
        var s = OutboxFixtures.subscription("acme-care", wm.baseUrl() + "/hook");
        s.setCriteria("ServiceRequest");
        assertThrows(UnprocessableEntityException.class, () -> fhir.create().resource(s).execute());
        s.setCriteria("ServiceRequest?status=active");
        assertThrows(UnprocessableEntityException.class, () -> fhir.create().resource(s).execute());
    }

    static JsonNode deadLetterFor(String sub) {
        JsonNode list = AdminClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(GatewayServer.baseUrl()
                        + "/admin/dead-letters?tenant=lbhf&route=lbhf.notify&status=new")).GET(), AdminClient.token("lbhf"))
                .body().path("deadLetters");
        for (JsonNode l : list) {
            if (l.get("headers").get("subscription").asText().equals(sub)) return l;
        }
        return null;
    }

    static int delivered(String sub) {
        return ctx.getBean(ResourceStore.class).inTenant(TENANT, s -> {
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
}
