package org.carebridge.gateway.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebridge.gateway.GatewayServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Calls the admin API of the shared test gateway as a council-integration user. */
final class Admin {
    static final String TOKEN = "test-admin-token";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body) {
    }

    static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + path)).GET(), TOKEN);
    }

    static Reply post(String path) {
        return send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody()), TOKEN);
    }

    static Reply send(HttpRequest.Builder b, String token) {
        try {
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("not within 30 s: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Admin() {
    }
}
