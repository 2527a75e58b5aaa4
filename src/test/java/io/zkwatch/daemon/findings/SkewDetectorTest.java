package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.conns;
import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.findings.Measurement.Measure;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Skew from hand-built three-member snapshots, polled every 15 s. */
class SkewDetectorTest {

    private final SkewDetector detector = new SkewDetector();

    /** 127.0.0.5 is pinned to zk1 with {@code pinned} sessions; 127.0.0.9 spreads 2 sessions over every member. */
    private static EnsembleSnapshot poll(double at, int pinned) {
        List<Hand.Conn> one = new ArrayList<>(conns(1000, pinned, "127.0.0.5"));
        one.addAll(conns(1, 2, "127.0.0.9"));
        return Hand.ensemble(t(at),
                member("zk1:2181").role("leader").monitor(t(at), 100).cons(t(at), one),
                member("zk2:2181").role("follower").monitor(t(at), 100).cons(t(at), conns(11, 2, "127.0.0.9")),
                member("zk3:2181").role("follower").monitor(t(at), 100).cons(t(at), conns(21, 2, "127.0.0.9")));
    }

    @Test
    void memberHoldingMostConnectionsOverSeveralPollsNamesTheHostsPinnedToIt() {
        Replay r = new Replay();
        for (int i = 0; i < 3; i++) {
            r.add(t(i * 15 + 1), poll(i * 15, 30));
        }
        Detection d = r.run(detector);
        assertEquals(List.of("127.0.0.5"), Replay.subjects(d, FindingKind.SKEW),
                "127.0.0.9 connects to every member, so it is not named");
        assertEquals("zk1:2181", d.findings().get(0).server());
        assertEquals(32.0 * 3 / 36, Replay.measure(d, Measure.SKEW_RATIO, "zk1:2181", "connections"), 1e-9);
        assertEquals(2.0 * 3 / 36, Replay.measure(d, Measure.SKEW_RATIO, "zk2:2181", "connections"), 1e-9);
        assertEquals(1.0, Replay.measure(d, Measure.SKEW_RATIO, "zk1:2181", "watches"), 1e-9);
        assertTrue(d.findings().get(0).summary().contains("89% of the ensemble's 36 session connections"),
                d.findings().get(0).summary());
    }

    @Test
    void skewSeenInFewerPollsThanRequiredIsNotAFindingYet() {
        Replay r = new Replay();
        r.add(t(1), poll(0, 2));
        r.add(t(16), poll(15, 30));
        r.add(t(31), poll(30, 30));
        assertEquals(List.of(), Replay.subjects(r.run(detector), FindingKind.SKEW), "two polls, three required");
        r.add(t(46), poll(45, 30));
        assertEquals(List.of("127.0.0.5"), Replay.subjects(r.run(detector), FindingKind.SKEW));
    }

    @Test
    void repeatedFramesOfOnePollCountOnce() {
        Replay r = new Replay();
        EnsembleSnapshot one = poll(0, 30);
        r.add(t(1), one).add(t(2), one).add(t(3), one);
        assertEquals(List.of(), Replay.subjects(r.run(detector), FindingKind.SKEW));
    }

    @Test
    void smallEnsembleOrBalancedLoadRaisesNothing() {
        Replay few = new Replay();
        for (int i = 0; i < 4; i++) {
            few.add(t(i * 15 + 1), poll(i * 15, 10));
        }
        assertEquals(List.of(), Replay.subjects(few.run(detector), FindingKind.SKEW), "16 connections, 20 needed");
        Replay balanced = new Replay();
        for (int i = 0; i < 4; i++) {
            double at = i * 15;
            balanced.add(t(at + 1), Hand.ensemble(t(at),
                    member("zk1:2181").monitor(t(at), 100).cons(t(at), conns(1, 12, "127.0.0.5")),
                    member("zk2:2181").monitor(t(at), 100).cons(t(at), conns(100, 10, "127.0.0.6")),
                    member("zk3:2181").monitor(t(at), 100).cons(t(at), conns(200, 11, "127.0.0.7"))));
        }
        Detection d = balanced.run(detector);
        assertEquals(List.of(), Replay.subjects(d, FindingKind.SKEW));
        assertEquals(12.0 * 3 / 33, Replay.measure(d, Measure.SKEW_RATIO, "zk1:2181", "connections"), 1e-9);
    }

    @Test
    void watchSkewWithoutPinnedHostsIsOneFindingWithoutSubject() {
        Replay r = new Replay();
        for (int i = 0; i < 3; i++) {
            double at = i * 15;
            r.add(t(at + 1), Hand.ensemble(t(at),
                    member("zk1:2181").monitor(t(at), 9000).cons(t(at), conns(1, 5, "127.0.0.5")),
                    member("zk2:2181").monitor(t(at), 500).cons(t(at), conns(100, 5, "127.0.0.5")),
                    member("zk3:2181").monitor(t(at), 500).cons(t(at), conns(200, 5, "127.0.0.5"))));
        }
        Detection d = r.run(detector);
        assertEquals(List.of(""), Replay.subjects(d, FindingKind.SKEW));
        assertEquals(2.7, Replay.measure(d, Measure.SKEW_RATIO, "zk1:2181", "watches"), 1e-9);
    }
}
