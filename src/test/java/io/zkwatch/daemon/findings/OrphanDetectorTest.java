package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.conn;
import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.FailureKind;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Measurement.Measure;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Orphaned watches from hand-built dump sequences. Member "zk1:2181" is standalone with the default watch manager
 * and maxSessionTimeout 40 s, so its grace is 40 s + 30 s margin = 70 s. Dumps come every 60 s, each followed 5 s
 * later by a cons.
 */
class OrphanDetectorTest {

    private static final String ZK1 = "zk1:2181";
    private static final Long LIVE = 0x10L;
    private static final Long CLOSED = 0xa1L;

    private final OrphanDetector detector = new OrphanDetector();

    /** Member state at one dump: who holds watches, who is connected. */
    private static Hand.MemberBuilder zk1(double wchcAt, double consAt, Map<Long, List<String>> watches,
                                          Hand.Conn... connected) {
        return member(ZK1).plainWatchManager(t(0), 40_000).monitor(t(consAt), 10).wchc(t(wchcAt), watches)
                .cons(t(consAt), connected);
    }

    private static EnsembleSnapshot snap(double at, Hand.MemberBuilder m) {
        return Hand.ensemble(t(at), m);
    }

    @Test
    void closedSessionStillHoldingWatchesOverDumpsLongerThanTheGraceIsAnOrphan() {
        Replay r = new Replay();
        for (int i = 0; i <= 2; i++) {
            double d = i * 60;
            r.add(t(d + 1), snap(d, zk1(d, d - 55, Map.of(LIVE, List.of("/a"), CLOSED, List.of("/x", "/y", "/z")),
                    conn(LIVE, "10.0.0.1"))));
            r.add(t(d + 6), snap(d + 5, zk1(d, d + 5, Map.of(LIVE, List.of("/a"), CLOSED, List.of("/x", "/y", "/z")),
                    conn(LIVE, "10.0.0.1"))));
        }
        Detection d = r.run(detector);
        assertEquals(List.of("0xa1"), Replay.subjects(d, FindingKind.ORPHANED_WATCHES));
        assertEquals(1, Replay.measure(d, Measure.ORPHANED_SESSIONS, ZK1));
        assertEquals(3, Replay.measure(d, Measure.ORPHANED_WATCHES, ZK1));
        assertEquals(70, Replay.measure(d, Measure.ORPHAN_GRACE_SECONDS, ZK1));
        Finding f = d.findings().get(0);
        assertEquals(ZK1, f.server());
        assertEquals(List.of("/x", "/y", "/z"), f.details().get("sample_paths"));
        assertEquals(3, f.details().get("observations"));
        assertTrue(f.summary().contains("maxSessionTimeout 40s") && f.summary().contains("WatchManager removes"),
                f.summary());
    }

    @Test
    void noOrphanBeforeTheRunSpansTheGrace() {
        Replay r = new Replay();
        for (int i = 0; i <= 1; i++) {
            double d = i * 60;
            r.add(t(d + 6), snap(d + 5, zk1(d, d + 5, Map.of(CLOSED, List.of("/x")))));
        }
        Detection d = r.run(detector);
        assertEquals(List.of(), Replay.subjects(d, FindingKind.ORPHANED_WATCHES), "60 s of evidence, grace 70 s");
        assertEquals(0, Replay.measure(d, Measure.ORPHANED_SESSIONS, ZK1));
    }

    @Test
    void disconnectedSessionIsNoOrphanWhileItsSessionLivesNorAfterItExpires() {
        // The client went silent at 0: its connection is gone from cons; the server drops its watches when the
        // session expires, before the third dump.
        Replay r = new Replay();
        r.add(t(6), snap(5, zk1(0, 5, Map.of(CLOSED, List.of("/x")))));
        r.add(t(36), snap(35, zk1(30, 35, Map.of(CLOSED, List.of("/x")))));
        assertEquals(List.of(), Replay.subjects(r.run(detector), FindingKind.ORPHANED_WATCHES));
        r.add(t(66), snap(65, zk1(60, 65, Map.of())));
        assertEquals(List.of(), Replay.subjects(r.run(detector), FindingKind.ORPHANED_WATCHES));
    }

    @Test
    void sessionLiveOnTheLeaderIsNoOrphanEvenWithoutAConnectionHere() {
        Replay r = new Replay();
        for (int i = 0; i <= 3; i++) {
            double d = i * 60;
            r.add(t(d + 6), snap(d + 5, zk1(d, d + 5, Map.of(CLOSED, List.of("/x"))).leaderDump(t(d + 1), CLOSED)));
        }
        Detection d = r.run(detector);
        assertEquals(List.of(), Replay.subjects(d, FindingKind.ORPHANED_WATCHES));
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) ((Map<String, Object>) d.checks().get("orphaned_watches"))
                .get(ZK1);
        assertEquals(true, check.get("leader_checked"));
    }

    @Test
    void sessionThatConnectedBetweenConsAndWchcIsNotComparedWithTheOlderCons() {
        // The race: cons at 50 predates the session; wchc at 60 lists it. Only the cons at 65 may judge that dump.
        Hand.MemberBuilder before = zk1(60, 50, Map.of(0x77L, List.of("/new")));
        assertEquals(Optional.empty(), new FrameBuilder().build(snap(61, before), t(61), FindingThresholds.defaults())
                .member(ZK1).orElseThrow().orphans(), "no observation while the newest cons is older than the dump");
        Replay r = new Replay();
        for (int i = 0; i <= 3; i++) {
            double d = i * 60;
            r.add(t(d + 1), snap(d, zk1(d, d - 10, Map.of(0x77L, List.of("/new")))));
            r.add(t(d + 6), snap(d + 5, zk1(d, d + 5, Map.of(0x77L, List.of("/new")), conn(0x77L, "10.0.0.2"))));
        }
        assertEquals(List.of(), Replay.subjects(r.run(detector), FindingKind.ORPHANED_WATCHES));
    }

    @Test
    void sessionThatMovedAwayBetweenWchcAndConsBreaksItsRunAtTheNextDump() {
        Replay r = new Replay();
        r.add(t(6), snap(5, zk1(0, 5, Map.of(0x88L, List.of("/m")))));
        r.add(t(66), snap(65, zk1(60, 65, Map.of())));
        r.add(t(126), snap(125, zk1(120, 125, Map.of(0x88L, List.of("/m")))));
        r.add(t(186), snap(185, zk1(180, 185, Map.of(0x88L, List.of("/m")))));
        Detection d = r.run(detector);
        assertEquals(List.of(), Replay.subjects(d, FindingKind.ORPHANED_WATCHES),
                "the run restarted at 120 and spans 60 s only");
    }

    @Test
    void restartOfTheMemberBreaksEveryRun() {
        Replay r = new Replay();
        r.add(t(6), snap(5, zk1(0, 5, Map.of(CLOSED, List.of("/x")))));
        r.add(t(40), Hand.ensemble(t(40), member(ZK1).down(t(40), FailureKind.CONNECTION_REFUSED)));
        r.add(t(66), snap(65, zk1(60, 65, Map.of(CLOSED, List.of("/x")))));
        r.add(t(126), snap(125, zk1(120, 125, Map.of(CLOSED, List.of("/x")))));
        assertEquals(List.of(), Replay.subjects(r.run(detector), FindingKind.ORPHANED_WATCHES));
    }

    @Test
    void lazyCleanupOfWatchManagerOptimizedIsWithinTheGrace() {
        Map<String, String> optimized = Map.of("zookeeper.watchManagerName",
                "org.apache.zookeeper.server.watch.WatchManagerOptimized", "zookeeper.watcherCleanIntervalInSeconds",
                "600");
        Replay r = new Replay();
        for (int i = 0; i <= 10; i++) {
            double d = i * 60;
            r.add(t(d + 6), snap(d + 5, member(ZK1).systemProperties(t(0), optimized).conf(t(0), 40_000)
                    .monitor(t(d + 5), 1).wchc(t(d), Map.of(CLOSED, List.of("/x"))).cons(t(d + 5))));
        }
        Detection d = r.run(detector);
        assertEquals(40 + 900 + 30, Replay.measure(d, Measure.ORPHAN_GRACE_SECONDS, ZK1));
        assertEquals(List.of(), Replay.subjects(d, FindingKind.ORPHANED_WATCHES), "600 s, within 970 s");
        for (int i = 11; i <= 17; i++) {
            double d2 = i * 60;
            r.add(t(d2 + 6), snap(d2 + 5, member(ZK1).systemProperties(t(0), optimized).conf(t(0), 40_000)
                    .monitor(t(d2 + 5), 1).wchc(t(d2), Map.of(CLOSED, List.of("/x"))).cons(t(d2 + 5))));
        }
        Detection later = r.run(detector);
        assertEquals(List.of("0xa1"), Replay.subjects(later, FindingKind.ORPHANED_WATCHES), "1020 s, beyond 970 s");
        assertTrue(later.findings().get(0).summary().contains("WatchManagerOptimized cleans dead watchers lazily"),
                later.findings().get(0).summary());
    }

    @Test
    void unknownWatchManagerAssumesLazyCleanupAndConfiguredGraceWins() {
        EnsembleSnapshot s = snap(5, member(ZK1).conf(t(0), 40_000).monitor(t(5), 1)
                .failed(io.zkwatch.collectors.Command.SYSTEM_PROPERTIES, t(0), FailureKind.UNAVAILABLE, "no admin"));
        MemberFrame unknown = new FrameBuilder().build(s, t(6), FindingThresholds.defaults()).member(ZK1).orElseThrow();
        assertEquals(Duration.ofSeconds(40 + 900 + 30), unknown.grace().grace());
        assertTrue(unknown.grace().reason().contains("system_properties not read (unavailable)"),
                unknown.grace().reason());
        FindingThresholds fixed = FindingThresholds.defaults().toBuilder()
                .orphanGrace(Optional.of(Duration.ofSeconds(90))).build();
        assertEquals(Duration.ofSeconds(90), new FrameBuilder().build(s, t(6), fixed).member(ZK1).orElseThrow()
                .grace().grace());
    }

    @Test
    void noMeasureButAReasonWhileWchcIsRefused() {
        Replay r = new Replay();
        r.add(t(6), snap(5, member(ZK1).plainWatchManager(t(0), 40_000).monitor(t(5), 1).cons(t(5))
                .failed(io.zkwatch.collectors.Command.WCHC, t(5), FailureKind.NOT_WHITELISTED, "not in the whitelist")));
        Detection d = r.run(detector);
        assertTrue(d.measurements().stream().noneMatch(m -> m.measure() == Measure.ORPHANED_SESSIONS),
                "never a silent zero");
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) ((Map<String, Object>) d.checks().get("orphaned_watches"))
                .get(ZK1);
        assertEquals(false, check.get("evaluated"));
        assertTrue(String.valueOf(check.get("reason")).contains("wchc failed (not_whitelisted)"), check.toString());
    }
}
