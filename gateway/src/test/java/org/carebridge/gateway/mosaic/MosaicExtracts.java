package org.carebridge.gateway.mosaic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.security.TestIssuer;
import org.carebridge.mappings.mosaic.MosaicExtractWriter;
import org.carebridge.mappings.mosaic.SyntheticMosaic;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.PersonRecord;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Generated extracts and the upload API, for the gateway's Mosaic tests. */
final class MosaicExtracts {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private MosaicExtracts() {
    }

    /** People {@code from}..{@code to}-1 of the synthetic caseload, each passed through {@code change}. */
    static List<PersonRecord> people(int from, int to, UnaryOperator<PersonRecord> change) {
        List<PersonRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(change.apply(SyntheticMosaic.person(7, i)));
        return out;
    }

    static byte[] xml(String tenant, String type, String time, String id, List<PersonRecord> people) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MosaicExtractWriter w = new MosaicExtractWriter(out, new ExtractHeader(tenant, type, time, id))) {
            people.forEach(w::write);
        }
        return out.toByteArray();
    }

    /** A council-integration token of the tenant's council. */
    static String integrationToken(String tenant) {
        return TestIssuer.token().sub("mosaic-integration").org(TestIssuer.COUNCIL_CODES.get(tenant))
                .orgType("council").roles("council-integration").scope("system/*.cruds").sign();
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply upload(String tenant, String contentType, byte[] body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/mosaic/" + tenant
                + "/extracts")).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b, token);
    }

    static Reply upload(String tenant, byte[] xml) {
        return upload(tenant, "application/xml", xml, integrationToken(tenant));
    }

    static Reply get(String tenant, String path) {
        return send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/mosaic/" + tenant + path)).GET(),
                integrationToken(tenant));
    }

    static Reply post(String tenant, String path) {
        return send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/mosaic/" + tenant + path))
                .POST(HttpRequest.BodyPublishers.noBody()), integrationToken(tenant));
    }

    static Reply send(HttpRequest.Builder b, String token) {
        try {
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            return new Reply(r.statusCode(), body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
