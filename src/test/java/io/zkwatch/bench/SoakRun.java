package io.zkwatch.bench;

import io.zkwatch.daemon.ZkwatchProcess;
import io.zkwatch.daemon.localzk.ClientSessions;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The soak run of bench/soak-run.sh (a program, not a JUnit test): a real 3-member ensemble, the real zkwatch in a
 * child JVM with short intervals and a small memory spool (so dumps go through spool files), client sessions
 * opening and closing with watches, and one member flapping (SIGSTOP/SIGCONT and kill/restart, in turn). Every few
 * seconds it samples zkwatch's heap after a full GC (jcmd GC.run, then the GC log), its threads and its open file descriptors (/proc), then
 * prints a table and compares the first quarter of the samples with the last. Ends with a SIGTERM and checks the
 * exit code, the stop time and that the spool directory is empty.
 *
 * <p>Arguments: {@code --minutes N} (default 10), {@code --quick} (2 minutes), {@code --sample-seconds S}
 * (default 5), {@code --flap-seconds F} (default 20), {@code --out DIR} (default target/soak).
 */
public final class SoakRun {

    private static final int LIVE_SESSIONS = 20;
    private static final int WATCHED_NODES = 50;

    private record Sample(Duration at, long heapKib, int threads, int fds, int up, String member) {
    }

    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(10);
        Duration every = Duration.ofSeconds(5);
        Duration flap = Duration.ofSeconds(20);
        Path out = Path.of("target/soak");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> length = Duration.ofMinutes(2);
                case "--minutes" -> length = Duration.ofMinutes(Long.parseLong(args[++i]));
                case "--sample-seconds" -> every = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--flap-seconds" -> flap = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        Path spool = Files.createDirectories(out.resolve("spool"));
        String version = ZkVersions.newest();
        System.out.printf(Locale.ROOT, "soak run: ZooKeeper %s, 3 members, %d min, sample every %d s, flap every %d s%n",
                version, length.toMinutes(), every.toSeconds(), flap.toSeconds());
        try (LocalEnsemble zk = TestEnsembles.quorum(version).start()) {
            String members = zk.servers().stream().map(m -> "\"127.0.0.1:" + m.clientPort() + "\"")
                    .collect(java.util.stream.Collectors.joining(", "));
            String yaml = """
                    ensembles:
                      - name: soak
                        members: [%s]
                        admin: { enabled: false }
                        poll_interval: 1s
                        dump_interval: 3s
                        dump_min_interval: 1s
                        timeout: 2s
                        connect_timeout: 1s
                        dump_timeout: 10s
                        memory_spool_bytes: 1KiB
                        spool_dir: "%s"
                        findings: { history_window: 2m, growth_min_span: 1m }
                    """.formatted(members, spool.toAbsolutePath());
            // The findings keep history_window of frames (1 h by default): heap grows by design until the window
            // is full. A 2-minute window fills within the first quarter, so what grows after it is a leak.
            try (ZkwatchProcess zkwatch = ZkwatchProcess.start(out, yaml, "-Xms32m",
                    "-Xlog:gc:file=" + out.resolve("gc.log").toAbsolutePath());
                 Churn churn = new Churn(zk.connectString())) {
                zkwatch.await("/-/ready", b -> true, Duration.ofSeconds(60), "readiness");
                churn.start();
                LocalServer flapping = zk.followers().get(0);
                List<Sample> samples = run(zkwatch, out.resolve("gc.log"), flapping, length, every, flap);
                churn.stop();
                report(samples, churn, out);
                stop(zkwatch, spool);
            }
        }
    }

    private static List<Sample> run(ZkwatchProcess zkwatch, Path gcLog, LocalServer flapping, Duration length, Duration every,
                                    Duration flap) throws Exception {
        List<Sample> samples = new ArrayList<>();
        Instant start = Instant.now();
        Instant end = start.plus(length);
        Instant nextFlap = start.plus(flap);
        Instant nextSample = start;
        int flaps = 0;
        String member = "up";
        while (Instant.now().isBefore(end)) {
            Instant now = Instant.now();
            if (!now.isBefore(nextFlap)) {
                member = flip(flapping, flaps++);
                nextFlap = now.plus(flap);
            }
            if (!now.isBefore(nextSample)) {
                Sample s = sample(zkwatch, gcLog, Duration.between(start, now), member);
                samples.add(s);
                System.out.printf(Locale.ROOT, "%6ds heap %7d KiB  threads %3d  fds %4d  up %d  flapping member %s%n",
                        s.at().toSeconds(), s.heapKib(), s.threads(), s.fds(), s.up(), s.member());
                nextSample = Instant.now().plus(every);
            }
            Thread.sleep(200);
        }
        System.out.println("(the flapping member is " + member + " at the end)");
        return samples;
    }

    /** Cycle: pause, resume, kill, restart, and again. */
    private static String flip(LocalServer member, int step) {
        switch (step % 4) {
            case 0 -> member.pause();
            case 1 -> member.resume();
            case 2 -> member.kill();
            default -> member.restart();
        }
        return switch (step % 4) {
            case 0 -> "stopped (SIGSTOP)";
            case 1, 3 -> "up";
            default -> "killed";
        };
    }

    private static Sample sample(ZkwatchProcess zkwatch, Path gcLog, Duration at, String member)
            throws IOException, InterruptedException {
        long pid = zkwatch.pid();
        jcmd(pid, "GC.run");
        long heap = heapAfterLastFullGc(gcLog);
        int threads = Integer.parseInt(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Threads:")).findFirst().orElseThrow().substring(8).trim());
        int fds;
        try (var list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = (int) list.count();
        }
        int up = zkwatch.get("/metrics").map(r -> (int) r.body().lines()
                .filter(l -> l.startsWith("zkwatch_up{") && l.endsWith(" 1.0")).count()).orElse(-1);
        return new Sample(at, heap, threads, fds, up, member);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return text;
    }

    /**
     * The heap left by the last full GC, from zkwatch's GC log ({@code Pause Full (Diagnostic Command) 45M->12M(64M)}),
     * in KiB. Read from the log rather than asked afterwards, so allocations since the GC do not count.
     */
    static long heapAfterLastFullGc(Path gcLog) throws IOException {
        java.util.regex.Pattern full = java.util.regex.Pattern.compile("Pause Full \\([^)]*\\) "
                + "\\d+M->(\\d+)M");
        long last = -1;
        for (String line : Files.readAllLines(gcLog)) {
            java.util.regex.Matcher m = full.matcher(line);
            if (m.find()) {
                last = Long.parseLong(m.group(1)) * 1024;
            }
        }
        if (last < 0) {
            throw new IllegalStateException("no full GC in " + gcLog);
        }
        return last;
    }

    private static void report(List<Sample> samples, Churn churn, Path out) throws IOException {
        int q = Math.max(1, samples.size() / 4);
        List<Sample> first = samples.subList(0, q);
        List<Sample> last = samples.subList(samples.size() - q, samples.size());
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d samples over %d s; %d sessions opened and closed, %d watches set%n%n",
                samples.size(), samples.get(samples.size() - 1).at().toSeconds(), churn.sessions.get(),
                churn.watches.get()));
        md.append("| figure | first quarter (median) | last quarter (median) | last quarter (max) | verdict |\n");
        md.append("|---|---|---|---|---|\n");
        boolean flat = true;
        flat &= row(md, "heap after full GC (KiB)", first, last, Sample::heapKib, 1.15, 2048);
        flat &= row(md, "threads", first, last, s -> s.threads(), 1.0, 4);
        flat &= row(md, "open file descriptors", first, last, s -> s.fds(), 1.0, 8);
        md.append("\nverdict: ").append(flat ? "FLAT" : "GROWING").append('\n');
        System.out.println();
        System.out.print(md);
        StringBuilder csv = new StringBuilder("seconds,heap_kib,threads,fds,up,flapping_member\n");
        samples.forEach(s -> csv.append(s.at().toSeconds()).append(',').append(s.heapKib()).append(',')
                .append(s.threads()).append(',').append(s.fds()).append(',').append(s.up()).append(',')
                .append(s.member()).append('\n'));
        Files.writeString(out.resolve("soak.csv"), csv);
        Files.writeString(out.resolve("soak.md"), md);
    }

    /** Flat: the last quarter's median is within {@code ratio} of the first's plus {@code slack}. */
    private static boolean row(StringBuilder md, String name, List<Sample> first, List<Sample> last,
                               java.util.function.ToLongFunction<Sample> figure, double ratio, long slack) {
        long a = median(first, figure);
        long b = median(last, figure);
        long max = last.stream().mapToLong(figure).max().orElse(0);
        boolean ok = b <= a * ratio + slack;
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s |%n", name, a, b, max, ok ? "flat" : "GROWS"));
        return ok;
    }

    private static long median(List<Sample> samples, java.util.function.ToLongFunction<Sample> figure) {
        long[] v = samples.stream().mapToLong(figure).sorted().toArray();
        return v[v.length / 2];
    }

    private static void stop(ZkwatchProcess zkwatch, Path spool) throws IOException, InterruptedException {
        long start = System.nanoTime();
        zkwatch.signal("TERM");
        var code = zkwatch.awaitExit(Duration.ofSeconds(30));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long left;
        try (var files = Files.list(spool)) {
            left = files.count();
        }
        System.out.printf(Locale.ROOT, "SIGTERM: exit code %s after %d ms; %d file(s) left in the spool directory%n",
                code.map(String::valueOf).orElse("none (still running)"), millis, left);
    }

    /**
     * Sessions opening and closing: a new one every 500 ms on any member, each setting data, exists and child
     * watches, the oldest closed once {@link #LIVE_SESSIONS} are open. Failures while a member flaps are counted
     * and skipped.
     */
    private static final class Churn implements AutoCloseable {
        private final String connectString;
        private final Deque<ZooKeeper> open = new ArrayDeque<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sessions = new AtomicLong();
        private final AtomicLong watches = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final Random random = new Random(7);
        private final Thread thread = new Thread(this::loop, "soak-churn");

        Churn(String connectString) {
            this.connectString = connectString;
        }

        void start() throws Exception {
            ZooKeeper setup = ClientSessions.open(connectString, Map.of(), Duration.ofSeconds(10),
                    Duration.ofSeconds(20));
            try {
                ClientSessions.create(setup, "/soak", "");
                for (int i = 0; i < WATCHED_NODES; i++) {
                    setup.create("/soak/n" + i, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
            } finally {
                setup.close();
            }
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                try {
                    ZooKeeper zk = ClientSessions.open(connectString, Map.of(), Duration.ofSeconds(10),
                            Duration.ofSeconds(10));
                    sessions.incrementAndGet();
                    open.add(zk);
                    for (int i = 0; i < 10; i++) {
                        String path = "/soak/n" + random.nextInt(WATCHED_NODES);
                        zk.getData(path, e -> { }, null);
                        zk.exists(path + "/missing", e -> { });
                        watches.addAndGet(2);
                    }
                    zk.getChildren("/soak", e -> { });
                    watches.incrementAndGet();
                    zk.create("/soak/e-", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
                } catch (KeeperException | RuntimeException e) {
                    failures.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
                while (open.size() > LIVE_SESSIONS) {
                    closeQuietly(open.poll());
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            open.forEach(Churn::closeQuietly);
            open.clear();
        }

        private static void closeQuietly(ZooKeeper zk) {
            try {
                zk.close(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
