package org.carebridge.gateway.discharge;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.security.TestIssuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Shared bits of the discharge tests: beans of the running gateway, BaRS examples, fresh NHS numbers, HTTP. */
final class DischargeTestSupport {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private DischargeTestSupport() {}

    static <T> T bean(Class<T> type) {
        return GatewayServer.start().getApplicationContext().getBean(type);
    }

    static org.carebridge.gateway.MovableClocks.Discharge clock() {
        return (org.carebridge.gateway.MovableClocks.Discharge) bean(DischargeClock.class);
    }

    static Path barsExamples() {
        return GatewayServer.sharedDir().resolve("standards/bars/specification/examples");
    }

    static String example(String relative) {
        try {
            return Files.readString(barsExamples().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random NHS number that passes modulus 11, so test classes never meet each other's people. */
    static String newNhsNumber() {
        while (true) {
            int[] d = new int[9];
            d[0] = 9;
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                if (i > 0) d[i] = ThreadLocalRandom.current().nextInt(10);
                sum += d[i] * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) check = 0;
            if (check == 10) continue;
            StringBuilder sb = new StringBuilder();
            for (int x : d) sb.append(x);
            return sb.append(check).toString();
        }
    }

    record Response(int status, String body) {}

    /** ODS code of the sender of the BaRS ValidationRequest example (MessageHeader.sender). */
    static final String BARS_SENDER_ODS = "RND";

    /** A bearer token of a hospital's discharge team: the party that sends referrals and notices. */
    static String hospital(String ods) {
        return TestIssuer.token().org(ods).orgType("hospital").roles("discharge-team").scope("system/*.cruds").sign();
    }

    /** Posts as the discharge team of the BaRS example's sending hospital. */
    static Response post(String tenant, String path, String body, String requestId, String correlationId) {
        return post(hospital(BARS_SENDER_ODS), tenant, path, body, requestId, correlationId);
    }

    static Response post(String token, String tenant, String path, String body, String requestId, String correlationId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(GatewayServer.fhirBase(tenant) + "/" + path))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (requestId != null) b.header("X-Request-Id", requestId);
        if (correlationId != null) b.header("X-Correlation-Id", correlationId);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
