package org.carebridge.gateway.security;

import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per client (subject + organisation): a burst, then a sustained rate. */
@Singleton
public class RateLimiter {
    private static final int MAX_CLIENTS = 100_000;
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(SecurityConfig config) {
        this.perSecond = config.rateLimitPerSecond();
        this.burst = Math.max(1, config.rateLimitBurst());
    }

    public boolean tryAcquire(String client) {
        if (perSecond <= 0) return true;
        if (buckets.size() > MAX_CLIENTS) buckets.clear(); // forgetting is safe: everyone starts with a full bucket
        return buckets.computeIfAbsent(client, k -> new Bucket(burst)).take(perSecond, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized boolean take(double rate, double burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
