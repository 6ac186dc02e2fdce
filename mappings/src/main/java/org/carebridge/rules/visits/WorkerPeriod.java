package org.carebridge.rules.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One worker's time in the home on one visit.
 *
 * @param worker           pseudonym
 * @param checkIn          earliest check-in; null if none seen (yet)
 * @param checkOut         latest check-out; null if none seen (yet)
 * @param checkInMethod    how the check-in was recorded; null without a check-in
 * @param checkOutMethod   how the check-out was recorded; null without a check-out
 * @param locationVerified every check event of this worker was location-verified
 */
public record WorkerPeriod(String worker, Instant checkIn, Instant checkOut, CheckInMethod checkInMethod,
                           CheckInMethod checkOutMethod, boolean locationVerified) {

    public boolean complete() {
        return checkIn != null && checkOut != null && !checkOut.isBefore(checkIn);
    }

    public Optional<Duration> duration() {
        return complete() ? Optional.of(Duration.between(checkIn, checkOut)) : Optional.empty();
    }

    public boolean manual() {
        return checkInMethod == CheckInMethod.MANUAL || checkOutMethod == CheckInMethod.MANUAL;
    }
}
