package io.zkwatch.bench;

import java.util.List;

/** Everything one scale run measured at one watch count; written as JSON and rendered by {@link Report}. */
record ScaleResult(long targetWatches, int sessions, int znodes, long wchsWatches, long mntrWatchCount,
                   double loadSeconds, List<ReaderRun> readers, List<DaemonRun> daemons) {

    ScaleResult {
        readers = List.copyOf(readers);
        daemons = List.copyOf(daemons);
    }

    /** The probe while one reader other than zkwatch read one dump (or, for the baseline, while nothing did). */
    record ReaderRun(String reader, String word, long bytes, double readSeconds, Probes.Window probe) {
    }

    /**
     * One zkwatch daemon: its second dump cycle (the first warms the JVM) with the probe running across it, the
     * fetch-and-parse time of each dump command in that cycle from its own {@code /metrics}, the heap figures of
     * its GC log over the whole run, and 20 {@code /metrics} requests after the cycle.
     */
    record DaemonRun(long parsePauseMillis, double wchcSeconds, double wchpSeconds, double dumpSeconds,
                     long wchcBytes, long wchpBytes, Probes.Window probe, GcLog gc, LatencyStats metrics,
                     int metricsBytes, String classHistogram) {
    }
}
