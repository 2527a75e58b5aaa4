package io.zkwatch.bench;

import io.zkwatch.bench.ScaleResult.DaemonRun;
import io.zkwatch.bench.ScaleResult.ReaderRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown tables of a scale run, as docs/performance.md shows them. */
final class Report {

    private Report() {
    }

    static String markdown(Map<String, String> machine, List<ScaleResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores"))
                .append(" cores, ").append(machine.get("memory")).append(", ").append(machine.get("jvm"))
                .append(", load average at start ").append(machine.get("load")).append(".\n");
        for (ScaleResult r : results) {
            b.append('\n').append(section(r));
        }
        return b.toString();
    }

    static String section(ScaleResult r) {
        StringBuilder b = new StringBuilder();
        b.append(f("### %,d watches%n%n", r.targetWatches()));
        b.append(f("%d sessions x %,d znodes, loaded in %.0f s; wchs: %,d data watches; mntr zk_watch_count: %,d "
                + "(with child watches).%n%n", r.sessions(), r.znodes(), r.loadSeconds(), r.wchsWatches(),
                r.mntrWatchCount()));
        b.append("Latency of `getData` with a watch on another session while the dump is read (a stall is a "
                + "request over ").append(f("%.0f ms", LatencyStats.STALL_MILLIS))
                .append("), and the longest and summed stalls of a `getData` without a watch:\n\n");
        b.append("| reader | dump | bytes | read time (s) | probe p50 (ms) | p99 (ms) | max (ms) | stalls | "
                + "stalled (s) | probe samples | no watch: max (ms) | no watch: stalled (s) |\n");
        b.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ReaderRun run : r.readers()) {
            if (!run.reader().equals("slow reader")) {
                b.append(row(run.reader(), run.word(), run.bytes(), run.readSeconds(), run.probe()));
            }
        }
        for (DaemonRun d : r.daemons()) {
            String reader = d.parsePauseMillis() > 0 ? f("zkwatch + %d s parse pause", d.parsePauseMillis() / 1000)
                    : "zkwatch";
            b.append(row(reader, "wchc+wchp+dump", d.wchcBytes() + d.wchpBytes(),
                    d.wchcSeconds() + d.wchpSeconds() + d.dumpSeconds(), d.probe()));
        }
        for (ReaderRun run : r.readers()) {
            if (run.reader().equals("slow reader")) {
                b.append(row("slow reader (4 MB/s)", run.word(), run.bytes(), run.readSeconds(), run.probe()));
            }
        }
        b.append("\nzkwatch (`-Xmx256m`), second dump cycle, fetch + parse per command, from its own "
                + "`zkwatch_collector_duration_seconds`:\n\n");
        b.append("| parse pause | wchc (s) | wchp (s) | dump (s) | heap peak before GC (MiB) | max heap after GC (MiB) "
                + "| GCs (full) | /metrics p50 (ms) | p99 (ms) | /metrics bytes |\n");
        b.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (DaemonRun d : r.daemons()) {
            b.append(f("| %d ms | %.2f | %.2f | %.2f | %d of 256 | %d | %d (%d) | %.1f | %.1f | %,d |%n",
                    d.parsePauseMillis(), d.wchcSeconds(), d.wchpSeconds(), d.dumpSeconds(),
                    d.gc().peakUsedBeforeGcMiB(), d.gc().peakAfterGcMiB(), d.gc().collections(),
                    d.gc().fullCollections(), d.metrics().p50Millis(), d.metrics().p99Millis(), d.metricsBytes()));
        }
        b.append('\n').append(ratios(r));
        return b.toString();
    }

    /**
     * zkwatch's longest stall against the longest of nc's and of the slow reader's (over wchc and wchp), and its
     * summed stall over the cycle against theirs over both dumps.
     */
    static String ratios(ScaleResult r) {
        List<ReaderRun> nc = r.readers().stream().filter(x -> x.reader().equals("nc")).toList();
        List<ReaderRun> slow = r.readers().stream().filter(x -> x.reader().equals("slow reader")).toList();
        StringBuilder b = new StringBuilder();
        for (DaemonRun d : r.daemons()) {
            String who = d.parsePauseMillis() > 0 ? "zkwatch with the parse pause" : "zkwatch";
            LatencyStats z = d.probe().watching();
            for (var other : List.of(Map.entry("nc", nc), Map.entry("the slow reader", slow))) {
                if (other.getValue().isEmpty()) {
                    continue;
                }
                double max = other.getValue().stream().mapToDouble(x -> x.probe().watching().maxMillis()).max()
                        .orElse(0);
                double stalled = other.getValue().stream()
                        .mapToDouble(x -> x.probe().watching().stalledMillis()).sum();
                b.append(f("- %s / %s: longest stall %s (%.0f ms / %.0f ms), stalled time %s (%.1f s / %.1f s)%n",
                        who, other.getKey(), ratio(z.maxMillis(), max), z.maxMillis(), max,
                        ratio(z.stalledMillis(), stalled), z.stalledMillis() / 1000, stalled / 1000));
            }
        }
        return b.toString();
    }

    /** {@code a / b} to two decimals, or a dash when {@code b} is 0 (no stall to compare with). */
    static String ratio(double a, double b) {
        return b == 0 ? "-" : f("%.2f", a / b);
    }

    private static String row(String reader, String word, long bytes, double seconds, Probes.Window w) {
        LatencyStats p = w.watching();
        return f("| %s | %s | %,d | %.2f | %.2f | %.1f | %.0f | %d | %.1f | %,d | %.0f | %.1f |%n", reader, word, bytes,
                seconds, p.p50Millis(), p.p99Millis(), p.maxMillis(), p.stalls(), p.stalledMillis() / 1000,
                p.samples(), w.plain().maxMillis(), w.plain().stalledMillis() / 1000);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
