package org.carebridge.gateway.security;

import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP against the running gateway, so tests see exactly what a client gets: status, headers, body. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public record Response(int status, String body, HttpResponse<String> raw) {
        public IBaseResource resource() {
            return GatewayServer.ctx().newJsonParser().parseResource(body);
        }

        public <T extends IBaseResource> T as(Class<T> type) {
            return type.cast(resource());
        }
    }

    private Http() {}

    /** @param pathOrUrl "/fhir/kent/Patient?..." or an absolute URL (a paging link) */
    public static Response get(String pathOrUrl, String token) {
        return send("GET", pathOrUrl, token, null);
    }

    public static Response send(String method, String pathOrUrl, String token, String json) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : GatewayServer.baseUrl() + pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(IBaseResource r) {
        return GatewayServer.ctx().newJsonParser().encodeResourceToString(r);
    }
}
