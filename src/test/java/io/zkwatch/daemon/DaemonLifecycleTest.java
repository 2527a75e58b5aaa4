package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's life in one JVM: it starts when no member is up and picks them up when they appear, and closing it
 * cancels the calls in flight (a dump included) at once, deletes their spool files and ends its threads.
 */
class DaemonLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void startsWithEveryMemberDownAndPicksThemUpWhenTheyAppear() throws Exception {
        try (LocalEnsemble zk = TestEnsembles.quorum(ZkVersions.newest()).start()) {
            zk.servers().forEach(LocalServer::kill);
            try (DaemonHarness d = DaemonHarness.start(dir, DaemonHarness.yaml("down", zk, ""))) {
                Exposition down = d.await(m -> zk.servers().stream().allMatch(s -> m.value("zkwatch_up", "server",
                                DaemonHarness.address(s)).orElse(1) == 0
                                && m.value("zkwatch_collector_failure", "server", DaemonHarness.address(s),
                                "collector", "mntr", "reason", "connection_refused").orElse(0) == 1),
                        WAIT, "every member down with reason connection_refused");
                assertEquals(3, down.find("zkwatch_up").size(), down::text);
                assertEquals(200, d.get("/-/healthy").statusCode(), "a daemon with no member up is healthy");
                assertEquals(200, d.get("/metrics").statusCode());

                zk.servers().forEach(LocalServer::restart);
                d.await(m -> zk.servers().stream().allMatch(s -> m.value("zkwatch_up", "server",
                                DaemonHarness.address(s)).orElse(0) == 1)
                                && m.find("zookeeper_leader").stream().filter(x -> x.value() == 1).count() == 1,
                        WAIT, "every member up again, one of them the leader");
            }
        }
    }

    @Test
    void closeCancelsADumpInFlightDeletesItsSpoolAndEndsItsThreads() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        try (LocalEnsemble zk = TestEnsembles.standalone(ZkVersions.newest()).start();
             TricklingDumpProxy proxy = TricklingDumpProxy.start(zk.servers().get(0).clientPort())) {
            String yaml = "ensembles:\n" + DaemonHarness.ensemble("slow", List.of(proxy.address()),
                    "memory_spool_bytes: 1KiB\nspool_dir: \"" + spool + "\"\n");
            DaemonHarness d = DaemonHarness.start(dir, yaml);
            Duration took;
            try {
                awaitTrue(() -> proxy.dumpsInFlight() == 1 && files(spool) == 1,
                        "a dump in flight with its spool file in " + spool);
            } finally {
                long start = System.nanoTime();
                d.close();
                took = Duration.ofNanos(System.nanoTime() - start);
            }
            // The dump's deadline is 10 s away (dump_timeout in the harness): only cancelling ends it this soon.
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "close took " + took);
            assertEquals(0, files(spool), "spool files left behind");
            awaitTrue(() -> proxy.dumpsInFlight() == 0, "the dump's socket closed");
            awaitTrue(() -> daemonThreads().isEmpty(), "the daemon's threads gone, still: " + daemonThreads());
        }
    }

    /** Threads a daemon starts; the transports' shared deadline timer lives as long as the JVM, by design. */
    private static List<String> daemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("zkwatch-poll") || n.startsWith("zkwatch-scheduler")
                        || n.startsWith("zkwatch-findings"))
                .toList();
    }

    static long files(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant end = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("within " + WAIT + ": never " + what);
            }
            Thread.sleep(50);
        }
    }
}
