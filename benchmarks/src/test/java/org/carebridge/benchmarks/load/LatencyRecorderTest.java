package org.carebridge.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LatencyRecorderTest {

    @Test
    void nearestRankPercentilesOfOneToAHundred() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) v[99 - i] = (i + 1) * 1_000_000L;   // 1..100 ms, unsorted
        LatencyRecorder.Snapshot s = LatencyRecorder.Snapshot.of(v);
        assertEquals(50_000_000L, s.percentile(50));
        assertEquals(95_000_000L, s.percentile(95));
        assertEquals(99_000_000L, s.percentile(99));
        assertEquals(100_000_000L, s.percentile(100));
        assertEquals(1_000_000L, s.percentile(0));
        assertEquals(50.5, s.meanMillis(), 1e-9);
    }

    @Test
    void aSingleSlowOutlierShowsOnlyInTheTail() {
        long[] v = new long[1000];
        java.util.Arrays.fill(v, 2_000_000L);
        v[500] = 900_000_000L;
        LatencyRecorder.Snapshot s = LatencyRecorder.Snapshot.of(v);
        assertEquals(2.0, s.percentileMillis(99), 1e-9);
        assertEquals(900.0, s.percentileMillis(100), 1e-9);
    }

    @Test
    void mergesRecordersOfManyThreadsAndGrowsPastItsFirstArray() {
        LatencyRecorder a = new LatencyRecorder(), b = new LatencyRecorder();
        for (int i = 1; i <= 3000; i++) a.record(i);
        for (int i = 3001; i <= 4000; i++) b.record(i);
        LatencyRecorder.Snapshot s = LatencyRecorder.merge(List.of(a, b));
        assertEquals(4000, s.count());
        assertEquals(2000, s.percentile(50));
        assertEquals(3960, s.percentile(99));
        assertEquals(4000, s.max());
        assertEquals(0, LatencyRecorder.merge(List.of()).percentile(99), "no samples, no latency");
    }

    @Test
    void loadRunnerDoesEachFixedItemOnceAndCountsFailures() throws Exception {
        java.util.concurrent.ConcurrentHashMap<Long, Boolean> done = new java.util.concurrent.ConcurrentHashMap<>();
        LoadRunner.Stats s = LoadRunner.fixed(4, 101, (u, i) -> {
            assertNull(done.put(i, true), "item " + i + " twice");
            return i % 10 == 0 ? "500" : "200";
        });
        assertEquals(101, done.size());
        assertEquals(90, s.ok());
        assertEquals(11, s.failed());
        assertEquals(101, s.latency().count());
    }
}
