package org.carebridge.gateway.discharge;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/** The discharge clock in tests: real time plus however far the tests have moved it. */
@Singleton
@Replaces(DischargeClock.class)
public class MovableDischargeClock extends DischargeClock {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    public synchronized void advance(Duration d) {
        offset = offset.plus(d);
    }
}
