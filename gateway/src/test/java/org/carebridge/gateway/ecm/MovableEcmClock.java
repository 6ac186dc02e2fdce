package org.carebridge.gateway.ecm;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/** The ECM clock in tests: real time plus however far the tests have moved it. */
@Singleton
@Requires(env = "test")
@Replaces(EcmClock.class)
public class MovableEcmClock extends EcmClock {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    public synchronized void advance(Duration d) {
        offset = offset.plus(d);
    }
}
