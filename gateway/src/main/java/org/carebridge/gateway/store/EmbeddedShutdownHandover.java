package org.carebridge.gateway.store;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/** Once the server is up, the embedded PostgreSQL is stopped by the orderly shutdown, no longer by its own hook. */
@Singleton
class EmbeddedShutdownHandover implements ApplicationEventListener<ServerStartupEvent> {
    private final DatabaseFactory.EmbeddedDatabaseHolder embedded;

    EmbeddedShutdownHandover(DatabaseFactory.EmbeddedDatabaseHolder embedded) {
        this.embedded = embedded;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (embedded.server() != null) {
            embedded.server().gatewayUp();
        }
    }
}
