package org.carebridge.gateway.ecm;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time visits are judged at and the missed-visit check runs on. A bean of its own type so tests replace it
 * with a clock they move (as the discharge clock).
 */
@Singleton
public class EcmClock {

    public Instant instant() {
        return Instant.now();
    }

    /** Now, to the millisecond (what PostgreSQL and FHIR instants keep). */
    public final Instant now() {
        return instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
