package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * A bean that adds to the FHIR server before it starts: interceptors (security, audit, validation) or plain
 * providers (operations such as $process-message). Plugins run in {@link #order()} order.
 */
public interface ServerPlugin {
    void register(RestfulServer server);

    default int order() {
        return 0;
    }
}
