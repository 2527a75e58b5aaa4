package io.zkwatch.daemon;

import static io.zkwatch.daemon.DaemonLifecycleTest.awaitTrue;
import static io.zkwatch.daemon.DaemonLifecycleTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code zkwatch} program in a child JVM, as an operator runs it: it survives starting with its members
 * down, and SIGTERM stops it within seconds with exit code 0, even with a dump in flight, leaving no spool file.
 */
class ProcessLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void sigtermStopsWithinSecondsWithADumpInFlightAndLeavesTheSpoolEmpty() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        try (LocalEnsemble zk = TestEnsembles.standalone(ZkVersions.newest()).start();
             TricklingDumpProxy proxy = TricklingDumpProxy.start(zk.servers().get(0).clientPort());
             ZkwatchProcess zkwatch = ZkwatchProcess.start(dir, "ensembles:\n" + DaemonHarness.ensemble("slow",
                     List.of(proxy.address()), "memory_spool_bytes: 1KiB\nspool_dir: \"" + spool + "\"\n"))) {
            awaitTrue(() -> proxy.dumpsInFlight() == 1 && files(spool) == 1 && zkwatch.process().isAlive(),
                    "a dump in flight with its spool file in " + spool);

            long start = System.nanoTime();
            zkwatch.signal("TERM");
            Optional<Integer> code = zkwatch.awaitExit(Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(Optional.of(0), code, zkwatch::log);
            // The dump's deadline (dump_timeout 10 s) is far: only cancelling it ends the process this soon.
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "SIGTERM to exit took " + took);
            assertTrue(zkwatch.log().contains("SIGTERM: stopping"), zkwatch::log);
            assertTrue(zkwatch.log().lines().anyMatch(l -> l.matches(".*zkwatch - stopped in \\d+ ms")), zkwatch::log);
            String afterSignal = zkwatch.log().substring(zkwatch.log().indexOf("SIGTERM: stopping"));
            assertTrue(afterSignal.lines().noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ")),
                    "the cancelled dump is not reported as a failure:\n" + afterSignal);
            assertEquals(0, files(spool), "spool files left behind");
            awaitTrue(() -> proxy.dumpsInFlight() == 0, "the dump's socket closed");
        }
    }

    @Test
    void startsWithItsOnlyMemberDownServesMetricsAndPicksTheMemberUpWhenItAppears() throws Exception {
        try (LocalEnsemble zk = TestEnsembles.standalone(ZkVersions.newest()).start()) {
            LocalServer member = zk.servers().get(0);
            member.kill();
            String address = DaemonHarness.address(member);
            try (ZkwatchProcess zkwatch = ZkwatchProcess.start(dir, DaemonHarness.yaml("down", zk, ""))) {
                zkwatch.await("/metrics", b -> {
                    Exposition m = Exposition.parse(b);
                    return m.value("zkwatch_up", "server", address).orElse(1) == 0
                            && m.value("zkwatch_collector_failure", "server", address, "collector", "mntr",
                            "reason", "connection_refused").orElse(0) == 1;
                }, WAIT, "the member down with reason connection_refused");
                zkwatch.await("/-/healthy", b -> true, WAIT, "healthy");

                member.restart();
                zkwatch.await("/metrics", b -> Exposition.parse(b).value("zkwatch_up", "server", address)
                        .orElse(0) == 1, WAIT, "the member up");

                zkwatch.signal("TERM");
                assertEquals(Optional.of(0), zkwatch.awaitExit(Duration.ofSeconds(20)), zkwatch::log);
            }
        }
    }
}
