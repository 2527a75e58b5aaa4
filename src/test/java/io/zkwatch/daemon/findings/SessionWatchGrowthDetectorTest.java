package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.conn;
import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session whose watch count climbs over consecutive wchc dumps, one dump a minute. */
class SessionWatchGrowthDetectorTest {

    private final SessionWatchGrowthDetector detector = new SessionWatchGrowthDetector();

    private static Replay replay(int[] climbing, int[] wobbling) {
        Replay r = new Replay();
        for (int i = 0; i < climbing.length; i++) {
            double at = i * 60;
            r.add(t(at + 6), Hand.ensemble(t(at + 5), member("zk1:2181").monitor(t(at + 5), 1)
                    .wchcCounts(t(at), Map.of(0x1L, climbing[i], 0x2L, wobbling[i], 0x3L, 7))
                    .cons(t(at + 5), conn(0x1L, "10.1.1.1"), conn(0x2L, "10.1.1.2"), conn(0x3L, "10.1.1.3"))));
        }
        return r;
    }

    @Test
    void sessionWhoseWatchesKeepClimbingIsNamedWithItsHost() {
        Detection d = replay(new int[] {100, 400, 700, 1000}, new int[] {100, 900, 600, 1200}).run(detector);
        assertEquals(List.of("0x1"), Replay.subjects(d, FindingKind.SESSION_WATCH_GROWTH),
                "0x2 fell once, so its run is two dumps long");
        assertEquals("10.1.1.1", d.findings().get(0).details().get("client"));
        assertEquals(List.of(100L, 400L, 700L, 1000L), d.findings().get(0).details().get("watch_counts"));
    }

    @Test
    void tooFewDumpsOrTooSmallARiseIsNoFinding() {
        assertEquals(List.of(), replay(new int[] {100, 500, 900}, new int[] {1, 1, 1}).run(detector).findings(),
                "three dumps, four required");
        assertEquals(List.of(), replay(new int[] {100, 200, 300, 400}, new int[] {1, 1, 1, 1}).run(detector).findings(),
                "+300, 500 required");
    }
}
