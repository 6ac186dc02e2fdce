package org.carebridge.gateway.outbox;

import java.time.Duration;
import java.util.Map;

/** Delivery settings, from the parameters of the tenant's outbound-notification channel. */
record OutboxSettings(int maxAttempts, Duration backoff, Duration maxBackoff, Duration timeout, int batch) {

    static OutboxSettings of(Map<String, String> p) {
        return new OutboxSettings(Integer.parseInt(p.get("max-attempts")),
                Duration.ofMillis(Long.parseLong(p.get("backoff-ms"))),
                Duration.ofMillis(Long.parseLong(p.get("max-backoff-ms"))),
                Duration.ofMillis(Long.parseLong(p.get("timeout-ms"))),
                Integer.parseInt(p.get("batch")));
    }

    /** Exponential: backoff, 2×, 4×... after the 1st, 2nd, 3rd failed attempt, capped. */
    Duration delayAfter(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        long ms = Math.min(maxBackoff.toMillis(), backoff.toMillis() * factor);
        return Duration.ofMillis(ms);
    }
}
