package io.zkwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zkwatch.bench.ScaleResult.DaemonRun;
import io.zkwatch.bench.ScaleResult.ReaderRun;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale run of issue #6 (not a JUnit test; {@code bench/scale-run.sh} runs it): for each watch count, a real
 * ZooKeeper 3.9.5 server in a child JVM is loaded with that many data watches, and a latency probe on another
 * session measures how long the server stalls while its dumps are read by {@code nc}, by zkwatch (a separate
 * JVM with {@code -Xmx256m}), by zkwatch with a 2 s pause between drain and parse, and by a reader throttled to
 * 4 MB/s. Writes {@code scale-run.json} and {@code scale-run.md} to the output directory and prints the table.
 *
 * <pre>ScaleRun [--quick] [--sessions N] [--out DIR] [--slow-rate BYTES_PER_S] [--no-slow] WATCHES...</pre>
 */
public final class ScaleRun {

    static final String ZK_VERSION = "3.9.5";
    private static final int SESSION_TIMEOUT_MILLIS = 300_000;
    private static final long PAUSE_MILLIS = 2_000;
    private static final Pattern WCHS_TOTAL = Pattern.compile("Total watches:(\\d+)");
    private static final Pattern MNTR_WATCHES = Pattern.compile("zk_watch_count\\s+(\\d+)");

    private final Options options;

    private ScaleRun(Options options) {
        this.options = options;
    }

    /** The command line. */
    record Options(List<Long> watches, int sessions, Path out, long slowRate, boolean slow) {
        static Options parse(String[] args) {
            List<Long> watches = new ArrayList<>();
            int sessions = 20;
            Path out = Path.of("target", "bench");
            long slowRate = 4_000_000;
            boolean slow = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> {
                        watches.add(20_000L);
                        sessions = 10;
                    }
                    case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--slow-rate" -> slowRate = Long.parseLong(args[++i]);
                    case "--no-slow" -> slow = false;
                    default -> watches.add(Long.parseLong(args[i].replace("_", "")));
                }
            }
            if (watches.isEmpty()) {
                throw new IllegalArgumentException("usage: ScaleRun [--quick] [--sessions N] [--out DIR] "
                        + "[--slow-rate BYTES_PER_S] [--no-slow] WATCHES...");
            }
            return new Options(List.copyOf(watches), sessions, out, slowRate, slow);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        Map<String, String> machine = Machine.describe();
        List<ScaleResult> results = new ArrayList<>();
        ScaleRun run = new ScaleRun(options);
        String table = "";
        for (long watches : options.watches()) {
            results.add(run.at(watches));
            table = write(options.out(), machine, results); // after each count: a later failure keeps these
        }
        System.out.println(table);
        System.exit(0); // the ZooKeeper clients' threads must not keep the JVM alive
    }

    private static String write(Path out, Map<String, String> machine, List<ScaleResult> results) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("zookeeper", ZK_VERSION);
        json.put("daemonHeap", DaemonProcess.HEAP);
        json.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("scale-run.json").toFile(), json);
        String table = Report.markdown(machine, results);
        Files.writeString(out.resolve("scale-run.md"), table);
        return table;
    }

    private ScaleResult at(long watches) throws Exception {
        int sessions = (int) Math.min(options.sessions(), watches);
        int znodes = (int) Math.ceil((double) watches / sessions);
        log("%,d watches: %d sessions x %,d znodes", watches, sessions, znodes);
        try (LocalEnsemble zk = LocalEnsemble.builder(ZK_VERSION)
                .jvmOption(watches > 2_000_000 ? "-Xmx6g" : "-Xmx3g")
                .configEntry("maxSessionTimeout", Integer.toString(SESSION_TIMEOUT_MILLIS * 2))
                .systemProperty("zookeeper.forceSync", "no")
                .startTimeout(Duration.ofMinutes(3)).start()) {
            LocalServer server = zk.server(1);
            long t0 = System.nanoTime();
            try (WatchLoad load = WatchLoad.load(server.connectString(), sessions, znodes, SESSION_TIMEOUT_MILLIS);
                 Probes probe = Probes.connect(server.connectString(), SESSION_TIMEOUT_MILLIS, WatchLoad.ROOT)) {
                double loadSeconds = (System.nanoTime() - t0) / 1e9;
                long wchs = number(WCHS_TOTAL, server, "wchs");
                long mntr = number(MNTR_WATCHES, server, "mntr");
                log("loaded in %.0f s: wchs %,d data watches, mntr zk_watch_count %,d", loadSeconds, wchs, mntr);
                if (wchs < load.dataWatches()) {
                    throw new IllegalStateException("wchs reports " + wchs + " watches, expected " + load.dataWatches());
                }
                List<ReaderRun> readers = new ArrayList<>();
                readers.add(baseline(probe));
                for (String word : List.of("wchc", "wchp")) {
                    readers.add(around(probe, () -> DumpReaders.nc(server.host(), server.clientPort(), word)));
                }
                List<DaemonRun> daemons = new ArrayList<>();
                for (long pause : List.of(0L, PAUSE_MILLIS)) {
                    daemons.add(daemon(probe, server, watches, pause));
                }
                for (String word : options.slow() ? List.of("wchc", "wchp") : List.<String>of()) {
                    readers.add(around(probe, () -> DumpReaders.throttled(server.host(), server.clientPort(), word,
                            options.slowRate())));
                }
                return new ScaleResult(watches, sessions, znodes, wchs, mntr, loadSeconds, readers, daemons);
            }
        }
    }

    private static ReaderRun baseline(Probes probe) throws InterruptedException {
        probe.start();
        TimeUnit.SECONDS.sleep(5);
        Probes.Window stats = probe.stop();
        log("baseline: max %.1f ms, p99 %.2f ms", stats.watching().maxMillis(), stats.watching().p99Millis());
        return new ReaderRun("none (baseline)", "-", 0, 0, stats);
    }

    /**
     * A reader with one quiet second of probe before and after it; the figures are of the requests that overlap
     * the read.
     */
    private static ReaderRun around(Probes probe, ReaderCall call) throws Exception {
        TimeUnit.SECONDS.sleep(1);
        probe.start();
        TimeUnit.SECONDS.sleep(1);
        long from = System.nanoTime();
        DumpReaders.Read read = call.read();
        long to = System.nanoTime();
        TimeUnit.SECONDS.sleep(1);
        Probes.Window stats = probe.stop(from, to);
        log("%s %s: %,d bytes in %.2f s; probe max %.1f ms (no watch: %.1f ms)", read.reader(), read.word(),
                read.bytes(), read.seconds(), stats.watching().maxMillis(), stats.plain().maxMillis());
        return new ReaderRun(read.reader(), read.word(), read.bytes(), read.seconds(), stats);
    }

    private interface ReaderCall {
        DumpReaders.Read read() throws Exception;
    }

    private DaemonRun daemon(Probes probe, LocalServer server, long watches, long pause) throws Exception {
        Path dir = options.out().resolve("zkwatch-" + watches + (pause > 0 ? "-pause" : ""));
        deleteRecursively(dir);
        Duration cycleTimeout = Duration.ofMinutes(10);
        try (DaemonProcess daemon = DaemonProcess.start(dir, server.host() + ":" + server.clientPort(), pause)) {
            Exposition first = daemon.awaitDumpCycles(1, cycleTimeout);
            probe.start();
            long probeStart = System.nanoTime();
            Exposition second = daemon.awaitDumpCycles(2, cycleTimeout);
            DaemonProcess.Cycle cycle = secondCycle(daemon, probeStart);
            Probes.Window stats = probe.stop(cycle.fromNanos(), cycle.toNanos());
            long[] scrapeNanos = new long[20];
            int scrapeBytes = 0;
            for (int i = 0; i < scrapeNanos.length; i++) {
                DaemonProcess.Scrape s = daemon.scrape();
                scrapeNanos[i] = (long) (s.millis() * 1e6);
                scrapeBytes = s.bytes();
            }
            GcLog gc = daemon.gcLog();
            String histogram = gc.peakUsedBeforeGcMiB() > 200 ? daemon.classHistogram(25) : "";
            DaemonRun run = new DaemonRun(pause, delta(first, second, "wchc"), delta(first, second, "wchp"),
                    delta(first, second, "dump"),
                    (long) (DaemonProcess.bytes(second, "wchc") - DaemonProcess.bytes(first, "wchc")),
                    (long) (DaemonProcess.bytes(second, "wchp") - DaemonProcess.bytes(first, "wchp")),
                    stats, gc, LatencyStats.of(scrapeNanos, scrapeNanos.length, 0), scrapeBytes, histogram);
            log("zkwatch (pause %d ms): wchc %.2f s, wchp %.2f s; probe max %.1f ms; heap peak %d MiB", pause,
                    run.wchcSeconds(), run.wchpSeconds(), stats.watching().maxMillis(), gc.peakUsedBeforeGcMiB());
            return run;
        }
    }

    /** The API publishes the cycle just after /metrics counts it: ask again until it shows the second one. */
    private static DaemonProcess.Cycle secondCycle(DaemonProcess daemon, long probeStart) throws Exception {
        for (int attempt = 0; ; attempt++) {
            DaemonProcess.Cycle cycle = daemon.lastDumpCycle();
            if (cycle.fromNanos() > probeStart) {
                return cycle;
            }
            if (attempt == 20) {
                throw new IOException("zkwatch's API still shows the first dump cycle");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static double delta(Exposition first, Exposition second, String collector) {
        return DaemonProcess.seconds(second, collector) - DaemonProcess.seconds(first, collector);
    }

    private static long number(Pattern p, LocalServer server, String word) throws IOException {
        String reply = new String(server.fourLetterWord(word, Duration.ofMinutes(2)), StandardCharsets.UTF_8);
        Matcher m = p.matcher(reply);
        if (!m.find()) {
            throw new IOException(word + " did not say how many watches: " + reply);
        }
        return Long.parseLong(m.group(1));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
