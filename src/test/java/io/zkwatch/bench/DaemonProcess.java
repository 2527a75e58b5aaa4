package io.zkwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.ZkwatchProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * zkwatch as its users run it ({@link ZkwatchProcess}: {@code Main --config} in a JVM of its own), here with a
 * 256 MB heap, a GC log for the heap peak, and {@code /metrics} and the API as the only windows into it.
 */
final class DaemonProcess implements AutoCloseable {

    static final String HEAP = "-Xmx256m";

    /** One {@code /metrics} request: its latency and size, and what it said. */
    record Scrape(double millis, int bytes, Exposition exposition) {
    }

    private final ZkwatchProcess process;
    private final Path directory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DaemonProcess(ZkwatchProcess process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    /**
     * Starts zkwatch against one member: a 10 s dump interval with no jitter (stretched by zkwatch itself to
     * 20 s at 1 M watches, 45 s at 5 M), large dumps allowed, four-letter words only.
     *
     * @param parsePauseMillis 0, or the benchmark pause between a dump's drain and its parse
     */
    static DaemonProcess start(Path dir, String member, long parsePauseMillis) throws IOException {
        Path directory = dir.toAbsolutePath();
        Path spool = Files.createDirectories(directory.resolve("spool"));
        String yaml = String.join("\n",
                "defaults:",
                "  poll_interval: 5s",
                "  dump_interval: 10s",
                "  dump_jitter: 0",
                "  dump_min_interval: 1s",
                "  allow_large_dumps: true",
                "  dump_timeout: 600s",
                "  spool_dir: " + spool,
                "  source: 4lw",
                "  discover: false",
                "  admin:",
                "    enabled: false",
                "ensembles:",
                "  - name: bench",
                "    members: [\"" + member + "\"]",
                "");
        ZkwatchProcess p = ZkwatchProcess.start(directory, yaml, HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + directory.resolve("gc.log"), "-Dzkwatch.debug.parsePauseMillis=" + parsePauseMillis);
        // A driver stopped with Ctrl-C must not leave zkwatch running (the servers have their own watchdog).
        Runtime.getRuntime().addShutdownHook(new Thread(p::close, "zkwatch-bench-kill"));
        DaemonProcess daemon = new DaemonProcess(p, directory);
        try {
            p.await("/metrics", body -> Exposition.parse(body).value("zkwatch_up", "ensemble", "bench").orElse(0) == 1,
                    Duration.ofSeconds(60), "zkwatch_up 1");
            return daemon;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.close();
            throw new IOException("interrupted", e);
        } catch (RuntimeException | AssertionError e) {
            daemon.close();
            throw new IOException("zkwatch did not come up: " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return directory;
    }

    Scrape scrape() throws IOException {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(process.uri("/metrics")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IOException("/metrics answered " + r.statusCode());
            }
            return new Scrape(ms, r.body().getBytes(StandardCharsets.UTF_8).length, Exposition.parse(r.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Waits until zkwatch has finished {@code cycles} dump cycles (wchc, wchp and dump, one after the other),
     * checking {@code /metrics} once a second. A failed dump ends the run with zkwatch's log.
     */
    Exposition awaitDumpCycles(int cycles, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Exposition e = scrape().exposition();
            for (String c : List.of("wchc", "wchp", "dump")) {
                if (count(e, c, "failure") > 0) {
                    throw new IOException("zkwatch failed to read " + c + "; its log:\n" + logTail());
                }
            }
            if (count(e, "dump", "success") >= cycles) {
                return e;
            }
            if (!process.process().isAlive() || System.nanoTime() > deadline) {
                throw new IOException("zkwatch did not finish " + cycles + " dump cycles (alive: "
                        + process.process().isAlive() + "); its log:\n" + logTail());
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    static double count(Exposition e, String collector, String result) {
        return e.find("zkwatch_collector_duration_seconds_count", "collector", collector, "result", result)
                .stream().mapToDouble(Exposition.Sample::value).sum();
    }

    static double seconds(Exposition e, String collector) {
        return e.find("zkwatch_collector_duration_seconds_sum", "collector", collector, "result", "success")
                .stream().mapToDouble(Exposition.Sample::value).sum();
    }

    static double bytes(Exposition e, String collector) {
        return e.find("zkwatch_collector_read_bytes_total", "collector", collector)
                .stream().mapToDouble(Exposition.Sample::value).sum();
    }

    /** When zkwatch's last dump cycle ran, on this JVM's {@link System#nanoTime()} scale. */
    record Cycle(long fromNanos, long toNanos) {
    }

    /**
     * The last dump cycle from zkwatch's API ({@code GET /api/v1/ensembles/bench}): wchc, wchp and dump share the
     * cycle's start ({@code at}) and ran one after the other, so the cycle ends after the sum of their
     * {@code took_seconds}, plus 200 ms for the two quick {@code wchs} cross-checks between them.
     */
    Cycle lastDumpCycle() throws IOException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(process.uri("/api/v1/ensembles/bench"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode commands = new ObjectMapper().readTree(r.body()).path("members").path(0).path("commands");
            Instant at = Instant.parse(commands.path("wchc").path("at").asText());
            double took = 0.2;
            for (String c : List.of("wchc", "wchp", "dump")) {
                took += commands.path(c).path("took_seconds").asDouble();
            }
            long from = System.nanoTime() - (System.currentTimeMillis() - at.toEpochMilli()) * 1_000_000;
            return new Cycle(from, from + (long) (took * 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (RuntimeException e) {
            throw new IOException("zkwatch's API did not say when its dump cycle ran: " + e, e);
        }
    }

    /** {@code jcmd <pid> GC.class_histogram}: the live objects by class, largest first (it runs a full GC). */
    String classHistogram(int lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(2, TimeUnit.MINUTES);
        return out.lines().limit(lines).collect(Collectors.joining("\n"));
    }

    GcLog gcLog() throws IOException {
        return GcLog.read(directory.resolve("gc.log"));
    }

    String logTail() {
        List<String> lines = process.log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM, then SIGKILL if zkwatch has not stopped within 20 s. */
    @Override
    public void close() {
        try {
            if (process.process().isAlive()) {
                process.signal("TERM");
                process.awaitExit(Duration.ofSeconds(20));
            }
        } catch (IOException e) {
            // kill(1) failed: the SIGKILL below still ends it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.close();
        }
    }
}
