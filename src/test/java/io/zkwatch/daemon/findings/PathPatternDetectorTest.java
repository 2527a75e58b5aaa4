package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.conns;
import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Watch patterns per client host, from wchp session lists joined with cons, summed over the members. */
class PathPatternDetectorTest {

    private final PathPatternDetector detector = new PathPatternDetector();

    private static List<Long> ids(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }

    /** Host 10.0.0.7 watches /zookeeper/config from {@code curator} sessions, split over two members. */
    private static Replay configWatchers(int curator) {
        int onOne = curator / 2;
        int onTwo = curator - onOne;
        Replay r = new Replay();
        r.add(t(6), Hand.ensemble(t(5),
                member("zk1:2181").role("leader").monitor(t(5), 1).cons(t(5), conns(100, onOne, "10.0.0.7"))
                        .wchp(t(0), Map.of("/zookeeper/config", ids(100, onOne))),
                member("zk2:2181").role("follower").monitor(t(5), 1).cons(t(5), conns(200, onTwo, "10.0.0.7"))
                        .wchp(t(0), Map.of("/zookeeper/config", ids(200, onTwo)))));
        return r;
    }

    @Test
    void hostWatchingZookeeperConfigFromManySessionsIsAConfigWatchLeak() {
        Detection d = configWatchers(12).run(detector);
        assertEquals(List.of("10.0.0.7"), Replay.subjects(d, FindingKind.CONFIG_WATCH_LEAK));
        assertEquals("", d.findings().get(0).server(), "ensemble-wide");
        assertEquals(12L, d.findings().get(0).details().get("sessions"));
    }

    @Test
    void tenConfigWatchersFromOneHostAreNotALeak() {
        assertEquals(List.of(), configWatchers(10).run(detector).findings());
    }

    /** Host 10.0.0.8 watches /locks/x from the given numbers of sessions, one wchp dump a minute. */
    private static Replay lockWatchers(int... sessions) {
        Replay r = new Replay();
        for (int i = 0; i < sessions.length; i++) {
            double at = i * 60;
            List<Hand.Conn> connected = new ArrayList<>(conns(1000, sessions[i], "10.0.0.8"));
            connected.addAll(conns(5000, 3, "10.0.0.9"));
            Map<String, List<Long>> byPath = new LinkedHashMap<>();
            List<Long> watching = new ArrayList<>(ids(1000, sessions[i]));
            watching.addAll(ids(5000, 3));
            byPath.put("/locks/x", watching);
            r.add(t(at + 6), Hand.ensemble(t(at + 5), member("zk1:2181").monitor(t(at + 5), 1)
                    .cons(t(at + 5), connected).wchp(t(at), byPath)));
        }
        return r;
    }

    @Test
    void growingNumberOfSessionsOfOneHostOnOnePathIsAPattern() {
        Detection d = lockWatchers(5, 12, 20, 26).run(detector);
        assertEquals(List.of("10.0.0.8"), Replay.subjects(d, FindingKind.PATH_WATCH_PATTERN));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> paths = (List<Map<String, Object>>) d.findings().get(0).details().get("paths");
        assertEquals("/locks/x", paths.get(0).get("path"));
        assertEquals(26L, paths.get(0).get("sessions"));
        assertEquals(5L, paths.get(0).get("earliest_in_window"));
    }

    @Test
    void sessionsThatArrivedTogetherOrStoppedGrowingAreNoPattern() {
        assertEquals(List.of(), lockWatchers(30, 30, 30, 30).run(detector).findings(), "no rise");
        assertEquals(List.of(), lockWatchers(2, 30, 30, 30).run(detector).findings(), "one rise: a service starting");
        assertEquals(List.of(), lockWatchers(5, 12, 40, 26).run(detector).findings(), "no longer at its peak");
        assertEquals(List.of(), lockWatchers(1, 5, 10, 19).run(detector).findings(), "19 sessions, 20 required");
    }
}
