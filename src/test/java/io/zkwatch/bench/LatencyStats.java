package io.zkwatch.bench;

import java.util.Arrays;

/**
 * Latency figures of one probe window. The maximum and the stalled time do not depend on how long the window
 * was, so windows of different lengths (a 3 s {@code nc} run, a 20 s zkwatch cycle) compare on them; the
 * percentiles are reported for context.
 *
 * @param stalls        requests slower than {@link #STALL_MILLIS}
 * @param stalledMillis the summed latency of those requests: how long the probe's session was held up
 */
public record LatencyStats(int samples, double windowSeconds, double p50Millis, double p99Millis,
                           double maxMillis, int stalls, double stalledMillis) {

    /** A request slower than this is a stall: far above the sub-millisecond getData of an idle server. */
    public static final double STALL_MILLIS = 100;

    public LatencyStats {
        if (samples < 0 || windowSeconds < 0) {
            throw new IllegalArgumentException("negative count or window");
        }
    }

    /** Nearest-rank percentiles of the first {@code count} latencies (nanoseconds); the array is not changed. */
    public static LatencyStats of(long[] latenciesNanos, int count, double windowSeconds) {
        if (count == 0) {
            return new LatencyStats(0, windowSeconds, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(latenciesNanos, count);
        Arrays.sort(sorted);
        int stalls = 0;
        double stalled = 0;
        for (long l : sorted) {
            double ms = l / 1e6;
            if (ms > STALL_MILLIS) {
                stalls++;
                stalled += ms;
            }
        }
        return new LatencyStats(count, windowSeconds, rank(sorted, 0.50) / 1e6, rank(sorted, 0.99) / 1e6,
                sorted[count - 1] / 1e6, stalls, stalled);
    }

    /**
     * The figures of the requests that overlap {@code [fromNanos, toNanos]}: those that started before its end and
     * returned after its start, so that a request stalled across the start of a dump counts.
     *
     * @param starts {@link System#nanoTime()} at which each request started
     */
    public static LatencyStats between(long[] starts, long[] latenciesNanos, int count, long fromNanos, long toNanos) {
        long[] inside = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (starts[i] <= toNanos && starts[i] + latenciesNanos[i] >= fromNanos) {
                inside[n++] = latenciesNanos[i];
            }
        }
        return of(inside, n, Math.max(0, toNanos - fromNanos) / 1e9);
    }

    /** The smallest value with at least {@code q} of the values at or below it. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
