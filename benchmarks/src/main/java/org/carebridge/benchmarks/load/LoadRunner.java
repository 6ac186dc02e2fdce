package org.carebridge.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed number of virtual users (platform threads), each doing one operation after another with no think time:
 * a closed-loop load, as the anchor measurement used. Either for a warm-up plus a measured duration, or until a
 * fixed list of work items is done.
 */
public final class LoadRunner {

    /** One operation by virtual user {@code user}; returns an outcome label ("200", "error: ...") for the summary. */
    @FunctionalInterface
    public interface Operation {
        String run(int user, long iteration) throws Exception;
    }

    /** Outcome of a run: latencies of measured operations, outcome counts, wall time of the measured phase. */
    public record Stats(LatencyRecorder.Snapshot latency, Map<String, Long> outcomes, double seconds, long ok, long failed) {
        public double perSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }
    }

    /** Runs for warm-up then measured seconds; only operations started in the measured phase count. */
    public static Stats timed(int users, double warmupSeconds, double seconds, Operation op) throws InterruptedException {
        return timed(users, warmupSeconds, seconds, op, () -> {});
    }

    /** As {@link #timed(int, double, double, Operation)}, calling {@code atMeasureStart} once when measuring starts. */
    public static Stats timed(int users, double warmupSeconds, double seconds, Operation op, Runnable atMeasureStart)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        return run(users, (u, i, now) -> {
            if (now >= measureFrom && !started.getAndSet(true)) atMeasureStart.run();
            return now < end;
        }, measureFrom, end, op);
    }

    /** Runs until {@code items} operations have been done, spread over the users; all of them are measured. */
    public static Stats fixed(int users, int items, Operation op) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        int[] claimed = new int[users];
        return run(users, (u, i, now) -> (claimed[u] = next.getAndIncrement()) < items, System.nanoTime(), Long.MAX_VALUE,
                (u, i) -> op.run(u, claimed[u]));
    }

    private interface Gate {
        boolean more(int user, long iteration, long now);
    }

    private static Stats run(int users, Gate gate, long measureFrom, long measureEnd, Operation op) throws InterruptedException {
        List<LatencyRecorder> recorders = new ArrayList<>();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        long[] lastEnd = new long[users];
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            LatencyRecorder rec = new LatencyRecorder();
            recorders.add(rec);
            int user = u;
            threads.add(new Thread(() -> {
                long i = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (!gate.more(user, i, t0)) break;
                    String outcome;
                    try {
                        outcome = op.run(user, i);
                    } catch (Exception e) {
                        outcome = "error: " + e.getClass().getSimpleName();
                    }
                    long t1 = System.nanoTime();
                    lastEnd[user] = t1;
                    if (t0 >= measureFrom) {
                        rec.record(t1 - t0);
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        if (isOk(outcome)) ok.increment();
                        else failed.increment();
                    }
                    i++;
                }
            }, "vu-" + u));
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        long finished = 0;
        for (long e : lastEnd) finished = Math.max(finished, e);
        long from = Math.max(measureFrom, started);
        double seconds = Math.max(0, (measureEnd == Long.MAX_VALUE ? finished : Math.min(measureEnd, finished)) - from) / 1e9;
        Map<String, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        return new Stats(LatencyRecorder.merge(recorders), counts, seconds, ok.sum(), failed.sum());
    }

    /** 2xx HTTP statuses and "ok" are successes; anything else is counted as a failure. */
    public static boolean isOk(String outcome) {
        return outcome.equals("ok") || (outcome.length() == 3 && outcome.charAt(0) == '2');
    }
}
