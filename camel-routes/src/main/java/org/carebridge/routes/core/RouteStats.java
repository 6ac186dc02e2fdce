package org.carebridge.routes.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one route since the gateway started: what operators see in the route list and in Prometheus. */
public final class RouteStats {
    private final AtomicLong in = new AtomicLong();
    private final AtomicLong out = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    /** The last failure: when, and the error's class and message (no personal data). */
    public record LastError(Instant at, String errorClass, String message) {
    }

    public void received() {
        in.incrementAndGet();
    }

    public void succeeded() {
        out.incrementAndGet();
        consecutiveFailures.set(0);
        lastSuccess.set(Instant.now());
    }

    /** An attempt failed (it may still be retried). */
    public void errored(Throwable e) {
        consecutiveFailures.incrementAndGet();
        lastError.set(new LastError(Instant.now(), e.getClass().getSimpleName(), Errors.safeMessage(e)));
    }

    /** A message given up on and kept as a dead letter. */
    public void deadLettered() {
        failed.incrementAndGet();
    }

    public long in() {
        return in.get();
    }

    public long out() {
        return out.get();
    }

    public long failed() {
        return failed.get();
    }

    public long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public LastError lastError() {
        return lastError.get();
    }
}
