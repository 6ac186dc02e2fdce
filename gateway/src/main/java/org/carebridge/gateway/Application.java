package org.carebridge.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;

/**
 * Starts the gateway. {@code --demo} switches on the "demo" environment (application-demo.yml): demo data for
 * every tenant and the development token issuer. Everything else is configuration (application.yml, env vars).
 * <p>
 * {@code -Dcarebridge.exit-after-start=true} starts, answers one {@code /metadata} per tenant, and stops: the
 * training run with which {@code gateway/bin/gateway} records the classes of a start-up in a class-data archive.
 */
public class Application {
    public static void main(String[] args) {
        boolean demo = Arrays.asList(args).contains("--demo");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--demo")).toArray(String[]::new);
        Micronaut m = Micronaut.build(rest).mainClass(Application.class);
        if (demo) {
            m.environments("demo");
        }
        ApplicationContext ctx = m.start();
        if (ctx != null && Boolean.getBoolean("carebridge.exit-after-start")) {
            int status = 0;
            try {
                exercise(ctx);
            } catch (Exception e) {
                System.err.println("training run: " + e);
                status = 1;
            } finally {
                ctx.close();
            }
            System.exit(status);
        }
    }

    /** The first requests' classes (Jetty, HAPI's CapabilityStatement, the served guide) belong in the archive too. */
    private static void exercise(ApplicationContext ctx) throws Exception {
        EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (TenantConfig t : ctx.getBean(TenantRegistry.class).all()) {
            URI uri = URI.create("http://localhost:" + server.getPort() + "/fhir/" + t.id() + "/metadata");
            int status = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException(uri + " answered " + status);
            }
        }
    }
}
