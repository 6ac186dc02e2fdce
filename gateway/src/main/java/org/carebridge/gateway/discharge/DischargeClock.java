package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The time the discharge rules run on (response clocks, 48 hours in hospital). A bean of its own type (not a
 * {@link Clock} bean, which other modules might also want) so tests can replace it with a clock they move.
 */
@Singleton
public class DischargeClock {

    public Instant instant() {
        return Instant.now();
    }

    /** Now, to the millisecond (what PostgreSQL and FHIR instants keep). */
    public final Instant now() {
        return instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** This clock as a {@link Clock} for code that takes one (the MLLP channel's ACK timestamps). */
    public final Clock asClock() {
        DischargeClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
