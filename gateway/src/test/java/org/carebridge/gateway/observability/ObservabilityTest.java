package org.carebridge.gateway.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.routes.AdminClient;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservabilityTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void prometheusShowsRouteCountersAndFhirTimings() throws Exception {
        GatewayServer.start();
        Path config = Path.of("target", "test-routes");
        Files.createDirectories(config);
        Files.writeString(config.resolve("kent.yaml"), """
                tenant: kent
                channels:
                  - id: metrics-ecm
                    kind: ecm-csv-inbox
                    partner: metrics-care
                    handler: test-csv
                    parameters:
                      dir: %s
                """.formatted(Path.of("target", "test-inbox", "metrics-ecm").toAbsolutePath()));
        assertEquals(200, AdminClient.post("/admin/routes/reload").status());
        GatewayServer.client("kent").search().forResource(Patient.class).execute();

        URI prometheus = URI.create(GatewayServer.baseUrl() + "/prometheus");
        // not public: no token 401, a council token without council-integration 403
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(prometheus).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(403, HTTP.send(HttpRequest.newBuilder(prometheus).header("Authorization", GatewayServer.councilAuthorization("kent")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<String> scraped = HTTP.send(HttpRequest.newBuilder(prometheus)
                .header("Authorization", "Bearer " + AdminClient.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        String metrics = scraped.body();
        assertTrue(metrics.contains("carebridge_route_messages_total{kind=\"ecm-csv-inbox\",outcome=\"in\",partner=\"metrics-care\",route=\"kent.metrics-ecm\",tenant=\"kent\"}"),
                metrics.lines().filter(l -> l.startsWith("carebridge_route")).toList().toString());
        assertTrue(metrics.contains("carebridge_route_failing{kind=\"ecm-csv-inbox\",partner=\"metrics-care\",route=\"kent.metrics-ecm\",tenant=\"kent\"} 0.0"));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("carebridge_fhir_requests_seconds_count{")
                && l.contains("operation=\"search-type\"") && l.contains("tenant=\"kent\"") && l.contains("type=\"Patient\"")),
                metrics.lines().filter(l -> l.startsWith("carebridge_fhir")).toList().toString());
    }

    @Test
    void correlationIdIsTakenFromTheCallerOrMadeAndEchoed() throws Exception {
        HttpResponse<String> given = HTTP.send(HttpRequest.newBuilder(URI.create(GatewayServer.fhirBase("kent") + "/metadata"))
                .header("X-Request-Id", "req-42").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("req-42", given.headers().firstValue("X-Correlation-Id").orElseThrow());
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/health"))
                .header("X-Correlation-Id", "not a token\" {").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(made.headers().firstValue("X-Correlation-Id").orElseThrow().matches("[0-9a-f-]{36}"));
    }

    @Test
    void jsonLogLineCarriesTheCorrelationIdAndEscapes() throws Exception {
        LoggerContext lc = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(lc);
        MDC.put("correlationId", "abc-1");
        try {
            LoggingEvent e = new LoggingEvent("x", lc.getLogger("carebridge.test"), Level.WARN,
                    "route {} said \"{}\"\nnext", new IllegalStateException("boom"), new Object[]{"kent.a", "q"});
            JsonNode line = new ObjectMapper().readTree(layout.doLayout(e));
            assertEquals("WARN", line.get("level").asText());
            assertEquals("abc-1", line.get("correlationId").asText());
            assertEquals("route kent.a said \"q\"\nnext", line.get("msg").asText());
            assertEquals("java.lang.IllegalStateException", line.get("error").asText());
        } finally {
            MDC.clear();
        }
    }
}
