package org.carebridge.gateway;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real gateway (Jetty, HAPI, embedded PostgreSQL) started once per test JVM: tests talk to it over HTTP.
 * Each test class works under its own identifiers, so they never depend on each other's data.
 */
public final class GatewayServer {
    private static EmbeddedServer server;
    /** What the running gateway was started with, so a restart starts the same gateway again. */
    private static Map<String, Object> started;
    private static final FhirContext CTX = FhirContext.forR4Cached();

    static {
        CTX.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        CTX.getRestfulClientFactory().setSocketTimeout(60_000);
    }

    private GatewayServer() {}

    public static synchronized EmbeddedServer start(Map<String, Object> extra) {
        if (server == null) {
            Path data = Path.of("target", "test-postgres");
            deleteRecursively(data);
            // Route files and inboxes left by an interrupted run would start channels (and feed them) before the
            // tests write their own: every run starts from none (application-test.yml's config-dir).
            deleteRecursively(Path.of("target", "test-routes"));
            deleteRecursively(Path.of("target", "test-inbox"));
            Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", -1);
            props.put("carebridge.store.embedded.data-dir", data.toString());
            props.put("carebridge.limits.max-fhir-body-bytes", 1_048_576);
            // Authentication is on: the test identity provider's JWKS is served by WireMock (application-test.yml).
            props.put("carebridge.test.issuer-port", org.carebridge.gateway.security.TestIssuer.start());
            props.putAll(extra);
            server = ApplicationContext.run(EmbeddedServer.class, props, "test");
            started = props;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop()));
        }
        return server;
    }

    public static EmbeddedServer start() {
        return start(Map.of());
    }

    /**
     * Stops the running gateway as a shutdown would (Jetty, Camel, the pool, the embedded PostgreSQL: its whole
     * ApplicationContext) and starts a new one in this JVM on the same data directory and port, with the settings
     * it was first started with plus {@code extra} (which last only until the next restart). Clients keep working:
     * the URL does not change.
     */
    public static synchronized EmbeddedServer restart(Map<String, Object> extra) {
        start();
        Map<String, Object> props = new HashMap<>(started);
        props.put("micronaut.server.port", server.getPort());
        ApplicationContext old = server.getApplicationContext();
        server.stop();
        if (old.isRunning()) old.close();
        props.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, props, "test");
        return server;
    }

    public static String baseUrl() {
        return "http://localhost:" + start().getPort();
    }

    public static String fhirBase(String tenant) {
        return baseUrl() + "/fhir/" + tenant;
    }

    /** A client of the tenant with a council-staff token of that tenant (full access within it). */
    public static IGenericClient client(String tenant) {
        return client(tenant, org.carebridge.gateway.security.TestIssuer.council(tenant));
    }

    /** A client of the tenant that sends the given bearer token (null: none). */
    public static IGenericClient client(String tenant, String token) {
        IGenericClient c = CTX.newRestfulGenericClient(fhirBase(tenant));
        if (token != null) {
            c.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(token));
        }
        return c;
    }

    /** The Authorization header value of a council-staff token of the tenant, for raw HTTP tests. */
    public static String councilAuthorization(String tenant) {
        return "Bearer " + org.carebridge.gateway.security.TestIssuer.council(tenant);
    }

    public static FhirContext ctx() {
        return CTX;
    }

    public static Path sharedDir() {
        String prop = System.getProperty("shared.dir");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        return p.toAbsolutePath().normalize();
    }

    private static void deleteRecursively(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
