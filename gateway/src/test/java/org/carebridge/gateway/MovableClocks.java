package org.carebridge.gateway;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.carebridge.gateway.discharge.DischargeClock;
import org.carebridge.gateway.ecm.EcmClock;

import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's clocks in tests: real time plus however far the tests have moved each of them. One offset per
 * clock (moving the ECM clock leaves the discharge clock alone). A gateway started with
 * {@code carebridge.test.ecm-clock-offset-seconds} starts its ECM clock that far ahead, as if it had been down
 * while time passed.
 */
public final class MovableClocks {
    private MovableClocks() {}

    /** Real time plus an offset that only moves when a test moves it. */
    public static final class Offset {
        private volatile Duration offset;

        Offset(Duration start) {
            offset = start;
        }

        public Instant instant() {
            return Instant.now().plus(offset);
        }

        public synchronized void advance(Duration d) {
            offset = offset.plus(d);
        }

        public Duration offset() {
            return offset;
        }
    }

    @Singleton
    @Requires(env = "test")
    @Replaces(EcmClock.class)
    public static class Ecm extends EcmClock {
        public final Offset time;

        public Ecm(@Value("${carebridge.test.ecm-clock-offset-seconds:0}") long startSeconds) {
            time = new Offset(Duration.ofSeconds(startSeconds));
        }

        @Override
        public Instant instant() {
            return time.instant();
        }

        public void advance(Duration d) {
            time.advance(d);
        }
    }

    @Singleton
    @Replaces(DischargeClock.class)
    public static class Discharge extends DischargeClock {
        public final Offset time = new Offset(Duration.ZERO);

        @Override
        public Instant instant() {
            return time.instant();
        }

        public void advance(Duration d) {
            time.advance(d);
        }
    }
}
