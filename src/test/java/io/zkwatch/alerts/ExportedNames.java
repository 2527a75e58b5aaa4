package io.zkwatch.alerts;

import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.export.MetricFamily;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every sample name zkwatch can put on {@code /metrics}: the families rendered from snapshots
 * ({@link MetricFamily}, which a finding-free scrape does not show all of), the daemon's Micrometer meters as a
 * real daemon exposes them, and Prometheus's own {@code up} for the scrape target.
 */
final class ExportedNames {

    private ExportedNames() {
    }

    /** Sample names of the snapshot families, with the suffixes their type adds. */
    static Set<String> families() {
        Set<String> names = new TreeSet<>();
        for (MetricFamily f : MetricFamily.values()) {
            String n = f.metricName();
            switch (f.type()) {
                case COUNTER -> names.add(n.endsWith("_total") ? n : n + "_total");
                case SUMMARY -> names.addAll(Set.of(n, n + "_count", n + "_sum"));
                case HISTOGRAM -> names.addAll(Set.of(n + "_bucket", n + "_count", n + "_sum"));
                default -> names.add(n);
            }
        }
        return names;
    }

    /**
     * Sample names of a real daemon's scrape, taken once it has polled: a daemon pointed at a port where nothing
     * listens still registers every meter of its own health (collector timers, reload gauges, JVM).
     */
    static Set<String> scraped(Path dir) throws IOException, InterruptedException {
        int closed;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            closed = s.getLocalPort();
        }
        String yaml = "ensembles:\n"
                + "  - name: nowhere\n"
                + "    members: [\"127.0.0.1:" + closed + "\"]\n"
                + "    poll_interval: 1s\n"
                + "    timeout: 1s\n"
                + "    connect_timeout: 500ms\n";
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            String m = d.awaitMetrics(s -> s.contains("zkwatch_collector_duration_seconds_count{")
                            && s.contains("zkwatch_up{"), Duration.ofSeconds(30),
                    "the collector timer and zkwatch_up after a first poll");
            return sampleNames(m);
        }
    }

    /** The sample names of a text exposition (the token before '{' or ' ' on every non-comment line). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
