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
 * fixed list of work items is done. Or, with a rate, an open loop: operations due at fixed times
 * ({@link RateSchedule}), taken in order by whichever user is free, each latency measured from its due time.
 */
public final class LoadRunner {

    /**
     * One operation by virtual user {@code user}; returns an outcome label ("200", "error: ...") for the summary.
     * {@code iteration} counts the user's own operations in a closed loop; in an open loop it is the operation's
     * place in the schedule (unique across users).
     */
    @FunctionalInterface
    public interface Operation {
        String run(int user, long iteration) throws Exception;
    }

    /**
     * Outcome of a run: latencies of measured operations, outcome counts, wall time of the measured phase. In an
     * open loop ({@code rate > 0}) the latency runs from each operation's due time, {@code service} from when it
     * was sent, and {@code maxLateMillis} is how far behind its schedule the latest send was.
     */
    public record Stats(LatencyRecorder.Snapshot latency, Map<String, Long> outcomes, double seconds, long ok, long failed,
                        double rate, LatencyRecorder.Snapshot service, double maxLateMillis) {
        Stats(LatencyRecorder.Snapshot latency, Map<String, Long> outcomes, double seconds, long ok, long failed) {
            this(latency, outcomes, seconds, ok, failed, 0, null, 0);
        }

        public double perSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }

        public boolean openLoop() {
            return rate > 0;
        }
    }

    /** Time as the runner sees it: the system's, or a test's. */
    public interface Clock {
        long nanoTime();

        /** Returns at or after {@code nanos} (at once when that has passed). */
        void sleepUntil(long nanos) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long nanos) throws InterruptedException {
                for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(left);
                    if (Thread.interrupted()) throw new InterruptedException();
                }
            }
        };
    }

    /**
     * Closed loop when {@code rate <= 0} (as {@link #timed(int, double, double, Operation, Runnable)}), else an open
     * loop at {@code rate} operations per second, {@code users} of them at most under way at once.
     */
    public static Stats timed(int users, double warmupSeconds, double seconds, double rate, Operation op,
                              Runnable atMeasureStart) throws InterruptedException {
        if (rate <= 0) return timed(users, warmupSeconds, seconds, op, atMeasureStart);
        return paced(users, RateSchedule.of(Clock.SYSTEM.nanoTime() + 1_000_000, rate, warmupSeconds, seconds), op,
                atMeasureStart, Clock.SYSTEM);
    }

    /**
     * The open loop: each user takes the next operation of the schedule, waits for its due time (not at all when it
     * is late), runs it. A server slower than the rate shows as latencies growing from their due times; once the
     * run is behind by more than {@link #giveUpAfter} the operations still due are counted as failed, not sent.
     */
    static Stats paced(int users, RateSchedule schedule, Operation op, Runnable atMeasureStart, Clock clock)
            throws InterruptedException {
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<LatencyRecorder> services = new ArrayList<>();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        long giveUp = schedule.end() + giveUpAfter(schedule);
        long[] lastEnd = new long[users];
        long[] maxLate = new long[users];
        Throwable[] died = new Throwable[1];
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            LatencyRecorder rec = new LatencyRecorder();
            LatencyRecorder svc = new LatencyRecorder();
            recorders.add(rec);
            services.add(svc);
            int user = u;
            threads.add(new Thread(() -> {
                try {
                    for (long k = next.getAndIncrement(); schedule.sent(k); k = next.getAndIncrement()) {
                        long due = schedule.due(k);
                        boolean measured = schedule.measured(k);
                        if (clock.nanoTime() > giveUp) {
                            if (measured) {
                                outcomes.computeIfAbsent("not sent: behind schedule", x -> new LongAdder()).increment();
                                failed.increment();
                            }
                            continue;
                        }
                        clock.sleepUntil(due);
                        if (measured && !started.getAndSet(true)) atMeasureStart.run();
                        long t0 = clock.nanoTime();
                        String outcome = outcome(op, user, k);
                        long t1 = clock.nanoTime();
                        if (!measured) continue;
                        lastEnd[user] = Math.max(lastEnd[user], t1);
                        maxLate[user] = Math.max(maxLate[user], t0 - due);
                        rec.record(t1 - due);
                        svc.record(t1 - t0);
                        outcomes.computeIfAbsent(outcome, x -> new LongAdder()).increment();
                        if (isOk(outcome)) ok.increment();
                        else failed.increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    synchronized (died) {
                        died[0] = e;
                    }
                }
            }, "vu-" + u));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        if (died[0] instanceof RuntimeException e) throw e;
        if (died[0] instanceof Error e) throw e;
        long finished = schedule.end();
        long late = 0;
        for (int u = 0; u < users; u++) {
            finished = Math.max(finished, lastEnd[u]);
            late = Math.max(late, maxLate[u]);
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        return new Stats(LatencyRecorder.merge(recorders), counts, (finished - schedule.measureFrom()) / 1e9, ok.sum(),
                failed.sum(), schedule.perSecond(), LatencyRecorder.merge(services), late / 1e6);
    }

    /** How far past its end a run that has fallen behind goes on sending: half its length, at least 5 s. */
    static long giveUpAfter(RateSchedule s) {
        return Math.max(5_000_000_000L, (s.end() - s.startNanos()) / 2);
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
                    String outcome = outcome(op, user, i);
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

    /** The operation's outcome label, or the exception it threw as one. */
    private static String outcome(Operation op, int user, long iteration) {
        try {
            return op.run(user, iteration);
        } catch (Exception e) {
            return "error: " + e.getClass().getSimpleName();
        }
    }

    /** 2xx HTTP statuses and "ok" are successes; anything else is counted as a failure. */
    public static boolean isOk(String outcome) {
        return outcome.equals("ok") || (outcome.length() == 3 && outcome.charAt(0) == '2');
    }
}
