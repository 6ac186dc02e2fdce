package org.carebridge.benchmarks.load;

/**
 * When each operation of an open-loop run is due: operation k at {@code start + k / rate}, whatever happened to
 * the ones before it. Latency is measured from this time, not from when a client got round to sending, so a slow
 * answer that holds the next sends back (coordinated omission) shows as the queueing it causes.
 *
 * @param startNanos    when operation 0 is due
 * @param perSecond     operations per second
 * @param measureFrom   operations due from here on are measured (start + warm-up)
 * @param end           operations due from here on are not sent
 */
public record RateSchedule(long startNanos, double perSecond, long measureFrom, long end) {

    public RateSchedule {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) throw new IllegalArgumentException("--rate: a positive number of operations per second");
        if (measureFrom < startNanos || end < measureFrom) throw new IllegalArgumentException("rate schedule: start <= measured from <= end");
    }

    public static RateSchedule of(long startNanos, double perSecond, double warmupSeconds, double seconds) {
        long from = startNanos + (long) (warmupSeconds * 1e9);
        return new RateSchedule(startNanos, perSecond, from, from + (long) (seconds * 1e9));
    }

    /** When operation k (0, 1, ...) is due; computed from k, so rounding never accumulates. */
    public long due(long k) {
        return startNanos + (long) Math.floor(k * 1e9 / perSecond);
    }

    /** Whether operation k is sent at all (due before the end). */
    public boolean sent(long k) {
        return due(k) < end;
    }

    /** Whether operation k counts: due in the measured phase. */
    public boolean measured(long k) {
        long d = due(k);
        return d >= measureFrom && d < end;
    }

    /** The first operation due at or after {@code t}. */
    long firstAtOrAfter(long t) {
        if (t <= startNanos) return 0;
        long k = (long) Math.ceil((t - startNanos) * perSecond / 1e9);
        while (k > 0 && due(k - 1) >= t) k--;     // floating-point edges, either way
        while (due(k) < t) k++;
        return k;
    }

    /** How many operations are due in the measured phase: what a server keeping up completes there. */
    public long measuredCount() {
        return firstAtOrAfter(end) - firstAtOrAfter(measureFrom);
    }
}
