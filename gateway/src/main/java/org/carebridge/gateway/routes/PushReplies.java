package org.carebridge.gateway.routes;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a channel handler answer an HTTP push with more than "accepted" (the ECM per-record report): the handler
 * puts its answer under the request's correlation id, {@link IngestController} takes it when the exchange returns.
 */
@Singleton
public class PushReplies {
    private final Map<String, Object> replies = new ConcurrentHashMap<>();

    public void put(String correlationId, Object reply) {
        if (correlationId != null) replies.put(correlationId, reply);
    }

    public Object take(String correlationId) {
        return correlationId == null ? null : replies.remove(correlationId);
    }
}
