package org.carebridge.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * HTTP/1.1 with keep-alive to one FHIR base URL (the tenant is part of it, e.g. http://host:port/fhir/kent).
 * Works with any FHIR R4 server; a bearer token is sent when one is given.
 */
public final class FhirHttp {
    private final HttpClient client;
    private final String base;
    private final Supplier<String> token;

    public FhirHttp(String baseUrl, Supplier<String> token, int connections) {
        this.base = baseUrl.replaceAll("/+$", "");
        this.token = token;
        // One pooled connection per virtual user; HTTP/1.1 so each user holds one keep-alive connection.
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(Math.max(connections, 8)));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String base() {
        return base;
    }

    /** The full URL of a path relative to the base ("Appointment/123", "metadata"), or an absolute URL as is. */
    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + "/" + path);
    }

    private HttpRequest.Builder request(String path) {
        return request(path, token.get());
    }

    private HttpRequest.Builder request(String path, String t) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/fhir+json");
        if (t != null && !t.isBlank()) b.header("Authorization", "Bearer " + t);
        return b;
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET with a bearer token of its own (a provider's, say) instead of the client's. */
    public HttpResponse<byte[]> get(String path, String bearer) throws IOException, InterruptedException {
        return client.send(request(path, bearer).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POST with extra headers (an API key, say); a null bearer sends the client's token. */
    public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String bearer,
                                     java.util.Map<String, String> headers) throws IOException, InterruptedException {
        return post(path, contentType, body, bearer, headers, null);
    }

    /** As above, waiting up to {@code timeout} for the answer (a whole feed file takes longer than a request). */
    public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String bearer,
                                     java.util.Map<String, String> headers, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path, bearer != null ? bearer : token.get()).header("Content-Type", contentType);
        if (timeout != null) b.timeout(timeout);
        headers.forEach(b::setHeader); // may replace the FHIR Accept header (a feed endpoint answers application/json)
        return client.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return client.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> postFhir(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/fhir+json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** One virtual client's GETs, on one thread: the hot path of the read and search scenarios. */
    public interface Client extends AutoCloseable {
        /** GET {@code path} relative to the base URL, with this bearer token (null: the client's own token). */
        KeepAliveConnection.Reply get(String path, String bearer) throws IOException, InterruptedException;

        @Override
        void close();
    }

    /** Whether {@link #clients} are lean keep-alive connections (an http:// base URL) or java.net.http (https). */
    public boolean lean() {
        return base.regionMatches(true, 0, "http://", 0, 7);
    }

    /** Which client {@link #clients} gives, for a run's conditions. */
    public String clientKind() {
        return lean() ? "keep-alive socket per client" : "java.net.http (https base URL)";
    }

    /**
     * {@code n} clients, one per virtual user. For an http:// base URL each holds a {@link KeepAliveConnection} of its
     * own (java.net.http cost the driver 0.35-0.6 ms of CPU per read, as much as the gateway on a shared 2-core box);
     * for https they share this java.net.http client, and the driver's CPU per request is that higher one.
     */
    public Client[] clients(int n) {
        Client[] cs = new Client[n];
        if (!lean()) {
            System.err.println("[driver] " + base.replaceAll("//[^/@]*@", "//") + " is not http://: the lean keep-alive"
                    + " client speaks plain HTTP only, so these requests go through java.net.http (more driver CPU per request)");
        }
        for (int i = 0; i < n; i++) {
            if (lean()) {
                KeepAliveConnection c = new KeepAliveConnection(base, 10_000, 60_000);
                cs[i] = new Client() {
                    @Override
                    public KeepAliveConnection.Reply get(String path, String bearer) throws IOException {
                        return c.get(path, bearer != null ? bearer : token.get());
                    }

                    @Override
                    public void close() {
                        c.close();
                    }
                };
            } else {
                cs[i] = new Client() {
                    @Override
                    public KeepAliveConnection.Reply get(String path, String bearer) throws IOException, InterruptedException {
                        HttpResponse<byte[]> r = bearer == null ? FhirHttp.this.get(path) : FhirHttp.this.get(path, bearer);
                        return new KeepAliveConnection.Reply(r.statusCode(), r.body(), r.body().length);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        }
        return cs;
    }

    /** Closes every client (their sockets). */
    public static void closeAll(Client[] cs) {
        for (Client c : cs) c.close();
    }

    /** As {@link #describe(HttpResponse)}, of a client's reply. */
    public static String describe(KeepAliveConnection.Reply r) {
        return describe(r.status(), r.text());
    }

    /** A short, personal-data-free description of a failed response for the summary. */
    public static String describe(HttpResponse<byte[]> r) {
        return describe(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    private static String describe(int status, String body) {
        int i = body.indexOf("\"diagnostics\"");
        String diag = i < 0 ? "" : body.substring(i, Math.min(body.length(), i + 160));
        return status + " " + diag;
    }
}
