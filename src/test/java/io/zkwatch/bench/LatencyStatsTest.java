package io.zkwatch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreNearestRankOfTheRecordedPrefix() {
        long[] latencies = new long[128];
        for (int i = 0; i < 100; i++) {
            latencies[i] = (100 - i) * MS; // 100 ms down to 1 ms, unsorted
        }
        latencies[100] = 999_999 * MS; // beyond the count: not part of the window

        LatencyStats s = LatencyStats.of(latencies, 100, 5.0);

        assertEquals(100, s.samples());
        assertEquals(50.0, s.p50Millis());
        assertEquals(99.0, s.p99Millis());
        assertEquals(100.0, s.maxMillis());
        assertEquals(5.0, s.windowSeconds());
    }

    @Test
    void countsOnlyRequestsAboveTheStallThresholdAsStalledTime() {
        long[] latencies = {1 * MS, 100 * MS, 101 * MS, 2_500 * MS};

        LatencyStats s = LatencyStats.of(latencies, latencies.length, 1.0);

        assertEquals(2, s.stalls());
        assertEquals(2_601.0, s.stalledMillis(), 1e-9);
        assertEquals(2_500.0, s.maxMillis());
    }

    @Test
    void leavesTheCallersArrayUnsorted() {
        long[] latencies = {3 * MS, 1 * MS, 2 * MS};

        LatencyStats.of(latencies, 3, 1.0);

        assertArrayEquals(new long[] {3 * MS, 1 * MS, 2 * MS}, latencies);
    }

    @Test
    void anEmptyWindowHasNoLatency() {
        LatencyStats s = LatencyStats.of(new long[4], 0, 2.0);

        assertEquals(0, s.samples());
        assertEquals(0.0, s.maxMillis());
    }

    @Test
    void rankOfASingleValueIsThatValue() {
        assertEquals(7, LatencyStats.rank(new long[] {7}, 0.99));
        assertEquals(7, LatencyStats.rank(new long[] {7}, 0.01));
    }

    @Test
    void anIntervalTakesTheRequestsThatOverlapIt() {
        long[] starts = {0, 10 * MS, 20 * MS, 30 * MS, 90 * MS};
        long[] latencies = {1 * MS, 500 * MS, 1 * MS, 2 * MS, 1 * MS};

        // [25 ms, 60 ms]: the 500 ms request began before it and was still waiting; the one at 30 ms is inside.
        LatencyStats s = LatencyStats.between(starts, latencies, 5, 25 * MS, 60 * MS);

        assertEquals(2, s.samples());
        assertEquals(500.0, s.maxMillis());
        assertEquals(0.035, s.windowSeconds(), 1e-9);
    }
}
