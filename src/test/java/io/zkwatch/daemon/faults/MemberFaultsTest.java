package io.zkwatch.daemon.faults;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, the member that dies, hangs or moves (issue #7, cases 1 to 5 and 7), all on a real three-member
 * ensemble: a member refusing connections, killed mid-dump, paused (SIGSTOP), restarted with new sessions, the
 * leader killed during polling, and a member left without quorum. Each case asserts the exact reason, no zeros,
 * one log line per change, the other members still polled, and no thread, descriptor or spool file left over.
 * Every test leaves the ensemble whole again.
 */
class MemberFaultsTest {

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Duration SERVE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final FaultWatch watch = new FaultWatch();
    private final List<LocalServer> paused = new ArrayList<>();
    private final Clients clients = new Clients(Duration.ofSeconds(4), Duration.ofSeconds(20));
    private Path spool;
    private DaemonHarness daemon;

    @AfterEach
    void wholeEnsembleAgain() throws Exception {
        try {
            if (daemon != null) {
                daemon.close();
            }
            clients.close();
            LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
            for (LocalServer s : paused) {
                if (s.isAlive()) {
                    try {
                        s.resume();
                    } catch (IllegalStateException alreadyResumed) {
                        // resumed by the test
                    }
                }
            }
            for (LocalServer s : zk.servers()) {
                if (!s.isAlive()) {
                    s.restart();
                }
            }
            for (LocalServer s : zk.servers()) {
                s.awaitServing(SERVE);
            }
        } finally {
            watch.close();
        }
    }

    private DaemonHarness start(List<String> members, String extra) throws Exception {
        spool = Files.createDirectories(dir.resolve("spool"));
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("members", members,
                "discover: false\nsource: 4lw\nspool_dir: \"" + spool + "\"\n" + extra);
        daemon = DaemonHarness.start(dir, yaml);
        daemon.await(m -> members.stream().allMatch(s -> up(m, s)), WAIT, "every member up");
        FaultWatch.othersKeepPolling(daemon, members, 2);
        watch.baseline();
        return daemon;
    }

    private DaemonHarness startOnAll(LocalEnsemble zk) throws Exception {
        return start(zk.servers().stream().map(DaemonHarness::address).toList(), "");
    }

    private static boolean up(Exposition m, String server) {
        return m.value("zkwatch_up", "server", server).orElse(-1) == 1;
    }

    private static boolean down(Exposition m, String server, String mntrReason) {
        return m.value("zkwatch_up", "server", server).orElse(-1) == 0
                && m.has("zkwatch_collector_failure", "server", server, "collector", "mntr", "reason", mntrReason);
    }

    private static List<String> others(LocalEnsemble zk, LocalServer... excluded) {
        List<LocalServer> rest = new ArrayList<>(zk.servers());
        rest.removeAll(List.of(excluded));
        return rest.stream().map(DaemonHarness::address).toList();
    }

    /** A member that is down exports its state and statuses only: no reading, so nothing that reads as zero. */
    private static void exportsNoReading(Exposition m, String server) {
        for (String family : List.of("zookeeper_znodes", "zookeeper_watches", "zookeeper_server_info",
                "zookeeper_leader", "zookeeper_session_watches", "zookeeper_path_watchers",
                "zookeeper_session_connections", "zookeeper_alive_connections")) {
            assertTrue(m.find(family, "server", server).isEmpty(), family + " of " + server + "\n" + m.text());
        }
    }

    /**
     * After recovery: the member logged up again once, and no "ok again" for the commands it could not run while
     * down (their lines would only echo the member's); the JVM is back at its baseline.
     */
    private void recovered(String server) throws Exception {
        daemon.await(m -> up(m, server) && m.value("zkwatch_collector_success", "server", server, "collector",
                "mntr").orElse(0) == 1, WAIT, server + " up again");
        watch.once(Level.INFO, "server=" + server, "member up again");
        for (String c : List.of("mntr", "srvr", "conf", "wchs", "cons")) {
            assertTrue(watch.lines(Level.INFO, "server=" + server, "command=" + c + " ok again").isEmpty(),
                    String.join("\n", watch.all()));
        }
        watch.assertBackToBaseline(spool);
    }

    /**
     * The member's fall is one WARN line with the reason, not one more per cheap command it could not run. (A dump
     * that was due just as the member fell may add its own line: it ran before anyone knew.)
     */
    private void oneLineDown(String server, String reason) {
        watch.once(Level.WARN, "server=" + server, "member down: " + reason);
        for (String c : List.of("mntr", "srvr", "conf", "wchs", "cons")) {
            assertTrue(watch.lines(Level.WARN, "server=" + server, "command=" + c + " ").isEmpty(),
                    String.join("\n", watch.all()));
        }
    }

    @Test
    void aMemberRefusingConnectionsIsDownWithConnectionRefusedAndHidesNoOther() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        startOnAll(zk);
        LocalServer dead = zk.followers().get(0);
        String server = address(dead);
        dead.kill();
        Exposition m = daemon.await(x -> down(x, server, "connection_refused"), WAIT, "refused");
        exportsNoReading(m, server);
        for (String c : List.of("srvr", "conf", "wchs", "cons")) {
            assertTrue(m.has("zkwatch_collector_failure", "server", server, "collector", c, "reason",
                    "connection_refused"), c + " is not tried, and says why\n" + m.text());
        }
        FaultWatch.othersKeepPolling(daemon, others(zk, dead), 3);
        oneLineDown(server, "connection_refused");
        dead.restart().awaitServing(SERVE);
        recovered(server);
    }

    @Test
    void aMemberKilledMidDumpReportsTheDumpTruncatedThenTheMemberDown() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        LocalServer dying = zk.followers().get(0);
        ZooKeeper c = clients.connectPinned(dying);
        for (int i = 0; i < 20; i++) {
            Clients.create(c, "/killed/p" + i, "x");
            Clients.watchData(c, "/killed/p" + i, e -> { });
        }
        try (FaultProxy proxy = FaultProxy.start(dying.clientPort())) {
            String server = proxy.address();
            start(List.of(server, others(zk, dying).get(0), others(zk, dying).get(1)), "");
            CountDownLatch inFlight = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            proxy.set("wchc", BadReplies.cutMidRecordAfter(inFlight, release));
            assertTrue(inFlight.await(30, TimeUnit.SECONDS), "a wchc dump started");
            dying.kill();
            proxy.stopListening();
            release.countDown();
            Exposition m = daemon.await(x -> down(x, server, "connection_refused") && x.has(
                    "zkwatch_collector_failure", "server", server, "collector", "wchc", "reason", "truncated"),
                    WAIT, "the cut dump truncated and the member down");
            exportsNoReading(m, server);
            FaultWatch.othersKeepPolling(daemon, others(zk, dying), 3);
            watch.once(Level.WARN, "server=" + server, "command=wchc failing (truncated)", "cut off");
            assertEquals(1, watch.lines(Level.WARN, "server=" + server, "member down").size(),
                    String.join("\n", watch.all()));
            proxy.clear();
            dying.restart().awaitServing(SERVE);
            proxy.listenAgain();
            recovered(server);
            daemon.await(x -> x.value("zkwatch_collector_success", "server", server, "collector", "wchc")
                    .orElse(0) == 1, WAIT, "wchc read again");
        }
    }

    @Test
    void aPausedMemberTimesOutWhileTheOthersArePolledOnEveryBeat() throws Exception {
        // IndependenceTest adds many ensembles with a paused member each; this is the matrix's single case.
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        startOnAll(zk);
        LocalServer frozen = zk.followers().get(0);
        String server = address(frozen);
        paused.add(frozen);
        frozen.pause();
        Exposition m = daemon.await(x -> down(x, server, "timeout"), WAIT, "the paused member timed out");
        exportsNoReading(m, server);
        FaultWatch.othersKeepPolling(daemon, others(zk, frozen), 4);
        oneLineDown(server, "timeout");
        frozen.resume();
        frozen.awaitServing(SERVE);
        recovered(server);
    }

    @Test
    void aRestartedMemberShowsItsNewSessionsDropsTheOldOnesAndRaisesNoOrphan() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        LocalServer restarted = zk.followers().get(0);
        String server = address(restarted);
        ZooKeeper before = clients.connectPinned(restarted);
        for (int i = 0; i < 5; i++) {
            Clients.create(before, "/restart/p" + i, "x");
            Clients.watchData(before, "/restart/p" + i, e -> { });
        }
        String oldId = Clients.hexId(before);
        start(zk.servers().stream().map(DaemonHarness::address).toList(),
                "findings: { orphan_grace: 2s, orphan_min_observations: 2 }");
        daemon.await(x -> x.has("zookeeper_session_watches", "server", server, "session", oldId), WAIT,
                "the first session's watches");
        restarted.kill();
        before.close(1000); // cannot reach its member: the session ends only when it expires (4 s)
        restarted.restart().awaitServing(SERVE);
        ZooKeeper after = clients.connectPinned(restarted);
        for (int i = 0; i < 5; i++) {
            Clients.watchData(after, "/restart/p" + i, e -> { });
        }
        String newId = Clients.hexId(after);
        Exposition m = daemon.await(x -> x.value("zookeeper_session_watches", "server", server, "session", newId)
                .orElse(0) == 5 && !x.has("zookeeper_session_watches", "session", oldId), WAIT,
                "the new session on the restarted member, the old one gone");
        // Several dumps of every member with a 2 s orphan grace: nothing lingers, so nothing is orphaned.
        Instant end = Instant.now().plusSeconds(8);
        while (Instant.now().isBefore(end)) {
            m = daemon.scrape();
            assertTrue(m.find("zkwatch_finding", "finding", "orphaned_watches").isEmpty(), m.text());
            assertTrue(!m.has("zookeeper_session_watches", "session", oldId), m.text());
            Thread.sleep(250);
        }
        assertTrue(m.find("zkwatch_orphaned_sessions").stream().allMatch(s -> s.value() == 0), m.text());
        recovered(server);
    }

    @Test
    void aLeaderKilledDuringPollingHandsRoleAndDumpToTheNewLeader() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        startOnAll(zk);
        LocalServer oldLeader = zk.leader();
        String old = address(oldLeader);
        daemon.await(x -> x.value("zkwatch_collector_success", "server", old, "collector", "dump").orElse(0) == 1,
                WAIT, "the leader's session dump");
        oldLeader.kill();
        List<String> survivors = others(zk, oldLeader);
        Exposition m = daemon.await(x -> down(x, old, "connection_refused")
                && survivors.stream().allMatch(s -> up(x, s))
                && survivors.stream().mapToDouble(s -> x.value("zookeeper_leader", "server", s).orElse(0)).sum() == 1
                && survivors.stream().anyMatch(s -> x.value("zkwatch_collector_success", "server", s,
                        "collector", "dump").orElse(0) == 1), WAIT, "a new leader, with the dump");
        String newLeader = survivors.stream().filter(s -> m.value("zookeeper_leader", "server", s).orElse(0) == 1)
                .findFirst().orElseThrow();
        String follower = survivors.stream().filter(s -> !s.equals(newLeader)).findFirst().orElseThrow();
        assertEquals("leader", m.label("zookeeper_server_info", "role", "server", newLeader).orElseThrow());
        assertEquals("follower", m.label("zookeeper_server_info", "role", "server", follower).orElseThrow());
        assertTrue(m.has("zkwatch_collector_failure", "server", follower, "collector", "dump", "reason",
                "unavailable"), m.text());
        exportsNoReading(m, old);
        // The survivors stop serving while they elect; that is the only way they may have been down.
        for (String s : survivors) {
            for (String line : watch.lines(Level.WARN, "server=" + s, "member down")) {
                assertTrue(line.contains("member down: not_serving"), line);
            }
        }
        oneLineDown(old, "connection_refused");
        oldLeader.restart().awaitServing(SERVE);
        Exposition back = daemon.await(x -> up(x, old) && x.has("zkwatch_collector_failure", "server", old,
                "collector", "dump", "reason", "unavailable"), WAIT, "the old leader back as a follower");
        assertEquals("follower", back.label("zookeeper_server_info", "role", "server", old).orElseThrow());
        recovered(old);
    }

    @Test
    void aMemberWithoutQuorumIsNotServingAndExportsNoZeros() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        startOnAll(zk);
        LocalServer alone = zk.server(1);
        List<LocalServer> gone = new ArrayList<>(zk.servers());
        gone.remove(alone);
        for (LocalServer s : gone) {
            s.kill();
        }
        String server = address(alone);
        Exposition m = daemon.await(x -> down(x, server, "not_serving")
                && gone.stream().allMatch(s -> down(x, address(s), "connection_refused")), WAIT,
                "the lone member not serving");
        exportsNoReading(m, server);
        watch.once(Level.WARN, "server=" + server, "member down: not_serving", "not serving requests");
        oneLineDown(server, "not_serving");
        // Polled on every beat all the same, with the same reason and no new line.
        double polls = m.value("zkwatch_collector_duration_seconds_count", "server", server, "collector", "mntr",
                "result", "failure").orElseThrow();
        daemon.await(x -> x.value("zkwatch_collector_duration_seconds_count", "server", server, "collector", "mntr",
                "result", "failure").orElse(0) >= polls + 3 && down(x, server, "not_serving"), WAIT, "three more polls");
        oneLineDown(server, "not_serving");
        for (LocalServer s : gone) {
            s.restart();
        }
        for (LocalServer s : gone) {
            s.awaitServing(SERVE);
        }
        recovered(server);
    }
}
