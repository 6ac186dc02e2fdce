package org.carebridge.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The open loop's schedule, and what the runner measures against it, on a clock the test moves (no real time). */
class RateScheduleTest {
    private static final long MS = 1_000_000L;
    private static final long START = 1_000 * MS;

    @Test
    void fiftyASecondIsOneEveryTwentyMillisecondsAfterTheWarmUp() {
        RateSchedule s = RateSchedule.of(START, 50, 5, 20);
        assertEquals(START, s.due(0));
        assertEquals(START + 20 * MS, s.due(1));
        assertEquals(START + 1_000 * MS, s.due(50));
        assertFalse(s.measured(249), "due in the warm-up");
        assertTrue(s.measured(250), "due when measuring starts");
        assertTrue(s.measured(1249));
        assertTrue(s.sent(1249));
        assertFalse(s.sent(1250), "due at the end: not sent");
        assertFalse(s.measured(1250));
        assertEquals(1000, s.measuredCount());
    }

    @Test
    void anUnevenRateNeverDriftsOverALongRun() {
        RateSchedule s = RateSchedule.of(0, 7, 0, 3600);
        assertEquals(1_000_000_000L, s.due(7));
        assertEquals(3_600_000_000_000L, s.due(7 * 3600));
        assertEquals(7 * 3600, s.measuredCount());
        for (long k = 1; k < 100; k++) assertTrue(s.due(k) > s.due(k - 1));
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> RateSchedule.of(0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> RateSchedule.of(0, -5, 1, 1));
    }

    /** One thread's time: sleeping jumps to the wake-up time, an operation adds its cost. */
    private static final class FakeClock implements LoadRunner.Clock {
        long now;
        final List<Long> sends = new ArrayList<>();

        FakeClock(long now) {
            this.now = now;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long nanos) {
            now = Math.max(now, nanos);
        }

        LoadRunner.Operation costing(long nanos) {
            return (u, k) -> {
                sends.add(now);
                now += nanos;
                return "ok";
            };
        }
    }

    @Test
    void aServerFasterThanTheRateIsSentToOnScheduleAndMeasuredByItsOwnTime() throws InterruptedException {
        FakeClock clock = new FakeClock(START);
        RateSchedule s = RateSchedule.of(START, 50, 1, 2);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        LoadRunner.Stats st = LoadRunner.paced(1, s, (u, k) -> {
            seen.add(k);
            return clock.costing(5 * MS).run(u, k);
        }, () -> {}, clock);
        assertEquals(150, clock.sends.size(), "every operation due before the end is sent, warm-up included");
        for (int k = 0; k < 150; k++) assertEquals(s.due(k), clock.sends.get(k), "operation " + k + " sent when due");
        assertEquals(0L, seen.get(0));
        assertEquals(149L, seen.get(149), "the iteration is the place in the schedule");
        assertEquals(100, st.ok(), "only the operations due while measuring count");
        assertEquals(5 * MS, st.latency().percentile(99));
        assertEquals(5 * MS, st.service().percentile(99));
        assertEquals(0.0, st.maxLateMillis());
        assertEquals(50.0, st.rate());
    }

    @Test
    void aServerSlowerThanTheRateShowsItsQueueInTheLatencyNotOnlyItsServiceTime() throws InterruptedException {
        FakeClock clock = new FakeClock(START);
        // 30 ms per operation at one every 20 ms: each one is sent 10 ms later than the one before was.
        RateSchedule s = RateSchedule.of(START, 50, 0, 1);
        LoadRunner.Stats st = LoadRunner.paced(1, s, clock.costing(30 * MS), () -> {}, clock);
        assertEquals(50, st.ok());
        for (int k = 0; k < 50; k++) assertEquals(s.due(k) + 10 * MS * k, clock.sends.get(k), "operation " + k);
        assertEquals(30 * MS, st.service().percentile(99), "each answer alone takes 30 ms");
        assertEquals(30 * MS + 49 * 10 * MS, st.latency().max(), "the last waited 490 ms for its turn");
        assertEquals(30 * MS + 24 * 10 * MS, st.latency().percentile(50), "the 25th of 50");
        assertEquals(490.0, st.maxLateMillis());
        assertEquals(1.5, st.seconds(), 1e-9, "the measured phase lasts until the last answer");
    }

    @Test
    void aRunTooFarBehindStopsSendingAndCountsWhatItDidNotSendAsFailed() throws InterruptedException {
        FakeClock clock = new FakeClock(START);
        RateSchedule s = RateSchedule.of(START, 100, 0, 4);     // 400 due; each takes 1 s
        LoadRunner.Stats st = LoadRunner.paced(1, s, clock.costing(1_000 * MS), () -> {}, clock);
        long giveUpAt = s.end() + LoadRunner.giveUpAfter(s);
        long sent = clock.sends.size();
        assertEquals((giveUpAt - START) / (1_000 * MS) + 1, sent, "sent until it was more than the grace behind");
        assertEquals(sent, st.ok());
        assertEquals(400 - sent, st.failed());
        assertEquals(400 - sent, st.outcomes().get("not sent: behind schedule"));
    }

    @Test
    void theCallbackRunsOnceWhenTheFirstMeasuredOperationIsSent() throws InterruptedException {
        FakeClock clock = new FakeClock(START);
        RateSchedule s = RateSchedule.of(START, 10, 1, 1);
        long[] at = {-1};
        int[] calls = {0};
        LoadRunner.paced(1, s, clock.costing(MS), () -> {
            calls[0]++;
            at[0] = clock.now;
        }, clock);
        assertEquals(1, calls[0]);
        assertEquals(s.measureFrom(), at[0]);
    }
}
