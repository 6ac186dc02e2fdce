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

/** Calls a gateway's admin API as a Kent council-integration user (a token of the test issuer). */
public final class AdminClient {
    public static final String SUBJECT = "kent-integration";

    /** Kent (886) council token with role council-integration. */
    public static String token() {
        return token("kent");
    }

    /** A council-integration token of the tenant's council (kent 886, lbhf 205). */
    public static String token(String tenant) {
        return org.carebridge.gateway.security.TestIssuer.token().sub(SUBJECT)
                .org(org.carebridge.gateway.security.TestIssuer.COUNCIL_CODES.get(tenant)).orgType("council")
                .roles("council-integration").scope("system/*.cruds").sign();
    }
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    public record Reply(int status, JsonNode body) {
    }

    public static Reply get(String path) {
        return get(GatewayServer.baseUrl(), path);
    }

    public static Reply post(String path) {
        return post(GatewayServer.baseUrl(), path);
    }

    /** POST as the council-integration user of the tenant: calls naming no tenant (reload...) act on that tenant only. */
    public static Reply postAs(String tenant, String path) {
        return send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody()),
                token(tenant));
    }

    public static Reply get(String base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token());
    }

    public static Reply post(String base, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), token());
    }

    public static Reply send(HttpRequest.Builder b, String token) {
        try {
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) throw new AssertionError("not within 60 s: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private AdminClient() {
    }
}
