package io.zkwatch.daemon.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.faults.FaultProxy.Fault;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, the member that lies (issue #7, cases 8, 9 and 10): one member of a real three-member ensemble is
 * reached through a {@link FaultProxy} that rewrites its replies; the other two are polled directly. For each bad
 * reply: the exact reason on the faulty member's collector, nothing zero or half-parsed exported for it, one log
 * line for the change (not one per poll), the other members polled on every beat, and threads, descriptors and
 * spool files back at their level once the member answers properly again.
 */
class BadRepliesTest {

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PATHS = 60;
    /** Families fed by mntr: none of them may appear for a member whose mntr reply is rejected. */
    private static final List<String> FROM_MNTR = List.of("zookeeper_znodes", "zookeeper_alive_connections",
            "zookeeper_ephemerals", "zookeeper_approximate_data_size_bytes", "zookeeper_outstanding_requests",
            "zookeeper_open_file_descriptors", "zookeeper_global_sessions", "zookeeper_request_latency_seconds",
            "zookeeper_watch_share");
    private static final Clients CLIENTS = new Clients();
    private static LocalEnsemble zk;
    private static FaultProxy proxy;
    private static String faulty;
    private static List<String> healthy;

    @TempDir
    Path dir;

    private Path spool;
    private FaultWatch watch;
    private DaemonHarness daemon;

    @BeforeAll
    static void proxyInFrontOfOneMemberWithWatches() throws Exception {
        zk = QUORUM.get(ZkVersions.newest());
        LocalServer lying = zk.server(1);
        ZooKeeper c = CLIENTS.connectPinned(lying);
        for (int i = 0; i < PATHS; i++) {
            Clients.create(c, "/faults/p" + i, "x");
            Clients.watchData(c, "/faults/p" + i, e -> { });
        }
        proxy = FaultProxy.start(lying.clientPort());
        faulty = proxy.address();
        healthy = List.of(DaemonHarness.address(zk.server(2)), DaemonHarness.address(zk.server(3)));
    }

    @AfterAll
    static void closeProxyAndClients() throws Exception {
        proxy.close();
        CLIENTS.close();
    }

    @BeforeEach
    void daemonOnTheWholeEnsembleWarm() throws Exception {
        proxy.clear();
        spool = Files.createDirectories(dir.resolve("spool"));
        watch = new FaultWatch();
        List<String> members = List.of(faulty, healthy.get(0), healthy.get(1));
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("faults", members,
                "discover: false\nsource: 4lw\nspool_dir: \"" + spool + "\"");
        daemon = DaemonHarness.start(dir, yaml);
        daemon.await(m -> members.stream().allMatch(s -> m.value("zkwatch_up", "server", s).orElse(-1) == 1)
                && m.value("zkwatch_collector_success", "server", faulty, "collector", "wchp").orElse(0) == 1,
                WAIT, "every member up and dumped");
        // A few beats more, so that the worker pool has all its core threads before the baseline.
        FaultWatch.othersKeepPolling(daemon, members, 2);
        watch.baseline();
    }

    @AfterEach
    void closeDaemon() {
        proxy.clear();
        if (daemon != null) {
            daemon.close();
        }
        watch.close();
    }

    /**
     * Sets {@code fault} on {@code words}, waits for {@code shows}, checks that the others keep polling for three
     * beats (so the faulty member is polled several times under the fault), then clears the fault and waits for
     * the faulty member's {@code recovered} collector to succeed again. Returns the scrape under the fault.
     */
    private Exposition underFault(Fault fault, Predicate<Exposition> shows, String what, String recovered,
                                  String... words) throws Exception {
        for (String w : words) {
            proxy.set(w, fault);
        }
        Exposition m = daemon.await(shows, WAIT, what);
        FaultWatch.othersKeepPolling(daemon, healthy, 3);
        proxy.clear();
        daemon.await(x -> x.value("zkwatch_collector_success", "server", faulty, "collector", recovered)
                .orElse(0) == 1 && x.value("zkwatch_up", "server", faulty).orElse(0) == 1, WAIT,
                recovered + " of the faulty member read again");
        watch.assertBackToBaseline(spool);
        return m;
    }

    private static boolean fails(Exposition m, String collector, String reason) {
        return m.has("zkwatch_collector_failure", "server", faulty, "collector", collector, "reason", reason);
    }

    /** Nothing read from mntr is exported for the faulty member, though it is up and srvr still answers. */
    private static void nothingFromMntr(Exposition m) {
        assertEquals(1.0, m.value("zkwatch_up", "server", faulty).orElseThrow(), "srvr answered: up\n" + m.text());
        assertEquals(0.0, m.value("zkwatch_collector_success", "server", faulty, "collector", "mntr").orElseThrow());
        assertTrue(m.has("zookeeper_server_info", "server", faulty), "srvr still read\n" + m.text());
        for (String family : FROM_MNTR) {
            assertTrue(m.find(family, "server", faulty).isEmpty(), family + " must be absent, not zero\n" + m.text());
        }
        assertTrue(m.find("zookeeper_watches", "server", faulty, "type", "child").isEmpty(), m.text());
    }

    private void loggedOnceAndRecovered(String collector, String reason, String detail) {
        String line = watch.once(Level.WARN, "server=" + faulty, "command=" + collector, "failing (" + reason + ")");
        assertTrue(line.contains(detail), line);
        watch.once(Level.INFO, "server=" + faulty, "command=" + collector, "ok again");
    }

    @Test
    void garbageBytesAreUnparseableAndExportNothingFromThatCommand() throws Exception {
        Exposition m = underFault(BadReplies.garbage(), x -> fails(x, "mntr", "unparseable"), "mntr unparseable",
                "mntr", "mntr");
        nothingFromMntr(m);
        loggedOnceAndRecovered("mntr", "unparseable", "line 1");
    }

    @Test
    void invalidUtf8IsUnparseableWithItsLineNumberNeverReplacementCharacters() throws Exception {
        Exposition m = underFault(BadReplies.invalidUtf8(), x -> fails(x, "mntr", "unparseable"),
                "mntr unparseable", "mntr", "mntr");
        nothingFromMntr(m);
        assertTrue(m.find("zookeeper_server_info", "server", faulty).stream()
                .noneMatch(s -> s.labels().get("version").contains("\uFFFD")), m.text());
        loggedOnceAndRecovered("mntr", "unparseable", "malformed UTF-8");
    }

    @Test
    void crlfLineEndingsAreReadLikeLfOnEveryCommand() throws Exception {
        String[] all = {"mntr", "srvr", "conf", "wchs", "cons", "wchc", "wchp", "dump", "envi"};
        int before = proxy.served();
        Exposition m = underFault(BadReplies.crlf(), x -> proxy.served() > before + 2 * all.length
                && x.value("zkwatch_reading_age_seconds", "server", faulty, "collector", "wchp").orElse(99) < 1.5,
                "a round of CRLF replies read", "mntr", all);
        for (String c : List.of("mntr", "srvr", "conf", "wchs", "cons", "wchc", "wchp")) {
            assertEquals(1.0, m.value("zkwatch_collector_success", "server", faulty, "collector", c).orElseThrow(),
                    c + "\n" + m.text());
        }
        assertEquals(m.value("zookeeper_znodes", "server", healthy.get(0)).orElseThrow(),
                m.value("zookeeper_znodes", "server", faulty).orElseThrow(), "the same tree, read through CRLF");
        assertEquals(PATHS, m.value("zookeeper_watches", "server", faulty, "type", "data").orElseThrow());
        assertEquals(1.0, m.value("zookeeper_path_watchers", "server", faulty, "path", "/faults/p0").orElseThrow());
        assertTrue(watch.lines(Level.WARN, "server=" + faulty).isEmpty(), String.join("\n", watch.all()));
    }

    @Test
    void aHundredMegabyteLineWithoutNewlineIsTooLargeAndAbandoned() throws Exception {
        Exposition m = underFault(BadReplies.endlessLine(100L << 20), x -> fails(x, "mntr", "too_large"),
                "mntr too_large", "mntr", "mntr");
        nothingFromMntr(m);
        loggedOnceAndRecovered("mntr", "too_large", "mntr");
    }

    @Test
    void anEmptyReplyToMntrIsReportedAsTheMemberDownWithEmptyReply() throws Exception {
        Exposition m = underFault(BadReplies.empty(), x -> fails(x, "mntr", "empty_reply")
                && x.value("zkwatch_up", "server", faulty).orElse(-1) == 0, "the member down with empty_reply",
                "mntr", "mntr");
        assertTrue(m.find("zookeeper_server_info", "server", faulty).isEmpty(), m.text());
        assertTrue(m.find("zookeeper_path_watchers", "server", faulty).isEmpty(), "a down member exports no reading");
        watch.once(Level.WARN, "server=" + faulty, "member down: empty_reply");
        assertTrue(watch.lines(Level.WARN, "server=" + faulty, "command=").isEmpty(), "one line for the fall, "
                + "none per command it could not run\n" + String.join("\n", watch.all()));
        watch.once(Level.INFO, "server=" + faulty, "member up again");
    }

    @Test
    void aMemberTricklingOneKilobyteASecondIsCutOffAtTheDeadline() throws Exception {
        Exposition m = underFault(BadReplies.trickle(1024), x -> fails(x, "mntr", "timeout")
                && x.value("zkwatch_up", "server", faulty).orElse(-1) == 0, "the trickling member timed out",
                "mntr", "mntr");
        double longest = m.value("zkwatch_collector_duration_seconds_max", "server", faulty, "collector", "mntr",
                "source", "4lw", "result", "failure").orElseThrow();
        assertTrue(longest >= 2.5 && longest < 4.5, "the 3 s deadline ends the trickle: took " + longest + " s");
        watch.once(Level.WARN, "server=" + faulty, "member down: timeout");
        assertTrue(watch.lines(Level.WARN, "server=" + faulty, "command=").isEmpty(), "one line for the fall, "
                + "none per command it could not run\n" + String.join("\n", watch.all()));
        watch.once(Level.INFO, "server=" + faulty, "member up again");
    }

    @Test
    void aDumpCutShortAtARecordBoundaryIsTruncatedAndTheLastCompleteDumpStaysWithItsAge() throws Exception {
        Exposition healthyRead = daemon.scrape();
        double watchers = healthyRead.find("zookeeper_path_watchers", "server", faulty).stream()
                .mapToDouble(Exposition.Sample::value).sum();
        assertEquals(PATHS, watchers, healthyRead.text());
        Exposition m = underFault(BadReplies.truncatedAtRecord(), x -> fails(x, "wchp", "truncated")
                && fails(x, "wchc", "truncated")
                && x.value("zkwatch_reading_age_seconds", "server", faulty, "collector", "wchp").orElse(0) > 3,
                "wchc and wchp truncated", "wchp", "wchc", "wchp");
        assertEquals(1.0, m.value("zkwatch_up", "server", faulty).orElseThrow());
        assertEquals(PATHS, m.find("zookeeper_path_watchers", "server", faulty).stream()
                .mapToDouble(Exposition.Sample::value).sum(), "the half dump is not exported\n" + m.text());
        assertEquals(PATHS, m.find("zookeeper_session_watches", "server", faulty).stream()
                .mapToDouble(Exposition.Sample::value).sum(), m.text());
        loggedOnceAndRecovered("wchp", "truncated", "ends early");
        loggedOnceAndRecovered("wchc", "truncated", "ends early");
    }
}
