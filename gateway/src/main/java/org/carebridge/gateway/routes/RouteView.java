package org.carebridge.gateway.routes;

/** One route as operators see it: where it is configured, its state and its counters since start. */
public record RouteView(String routeId, String tenant, String channel, String kind, String partner, String state,
                        boolean heldByOperator, boolean failing, long in, long out, long failed, String lastSuccess,
                        String lastErrorAt, String lastError, String startError, String source) {
}
