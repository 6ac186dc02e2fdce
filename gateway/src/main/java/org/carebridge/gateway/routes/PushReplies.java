package org.carebridge.gateway.routes;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a channel handler answer an HTTP push with more than "accepted" (the ECM per-record report).
 * {@link IngestController} expects a reply under a key of its own making (never the client's correlation id, which
 * two pushes may share), the handler answers under that key, and the controller takes it when the exchange
 * returns. Answers nobody expects (inbox files, dead-letter replays) are not kept, so nothing accumulates.
 */
@Singleton
public class PushReplies {
    private static final Object AWAITED = new Object();
    private final Map<String, Object> replies = new ConcurrentHashMap<>();

    public void expect(String key) {
        replies.put(key, AWAITED);
    }

    public void put(String key, Object reply) {
        if (key != null) replies.computeIfPresent(key, (k, old) -> reply);
    }

    /** The reply, or null if the handler gave none; the key is forgotten either way. */
    public Object take(String key) {
        Object r = replies.remove(key);
        return r == AWAITED ? null : r;
    }
}
