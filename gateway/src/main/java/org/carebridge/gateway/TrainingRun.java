package org.carebridge.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code carebridge.exit-after-start=true}: once the server is up, answer one {@code /metadata} per tenant, stop
 * the gateway (PostgreSQL included) and exit. {@code gateway/bin/gateway} runs this once per build with
 * {@code -XX:ArchiveClassesAtExit}, so the classes of a start-up and of the first requests go into the class-data
 * archive that the real starts then map instead of loading.
 */
@Singleton
@Requires(property = "carebridge.exit-after-start", value = "true")
class TrainingRun implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private final ApplicationContext context;
    private final TenantRegistry tenants;

    TrainingRun(ApplicationContext context, TenantRegistry tenants) {
        this.context = context;
        this.tenants = tenants;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        int port = event.getSource().getPort();
        // Not on the thread that publishes the event: closing the context from inside its start-up would deadlock.
        Thread t = new Thread(() -> {
            int status = 0;
            try {
                exercise(port);
                LOG.info("training run done: stopping");
            } catch (Exception e) {
                LOG.error("training run failed: {}", e.toString());
                status = 1;
            }
            try {
                context.close();
            } finally {
                System.exit(status);
            }
        }, "training-run");
        t.start();
    }

    private void exercise(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (TenantConfig t : tenants.all()) {
            URI uri = URI.create("http://localhost:" + port + "/fhir/" + t.id() + "/metadata");
            int status = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException(uri + " answered " + status);
            }
        }
    }
}
