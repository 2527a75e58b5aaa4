package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.conns;
import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Measurement.Measure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions per client host over cons readings of two members, one reading every 15 s. */
class ConnectionLeakDetectorTest {

    private final ConnectionLeakDetector detector = new ConnectionLeakDetector();

    /** Per reading, the sessions of 10.0.0.1 (split over two members) next to a steady pool of 10.0.0.2. */
    private static Replay readings(FindingThresholds t, int... leaky) {
        Replay r = new Replay(t);
        for (int i = 0; i < leaky.length; i++) {
            double at = i * 15;
            List<Hand.Conn> one = new ArrayList<>(conns(1, leaky[i] / 2, "10.0.0.1"));
            one.addAll(conns(10_000, 30, "10.0.0.2"));
            r.add(t(at + 1), Hand.ensemble(t(at),
                    member("zk1:2181").monitor(t(at), 1).cons(t(at), one),
                    member("zk2:2181").monitor(t(at), 1).cons(t(at), conns(5000, leaky[i] - leaky[i] / 2, "10.0.0.1"))));
        }
        return r;
    }

    @Test
    void hostWhoseSessionsKeepRisingIsALeakAndTheSteadyPoolIsNot() {
        Detection d = readings(FindingThresholds.defaults(), 10, 30, 50, 70, 90).run(detector);
        assertEquals(List.of("10.0.0.1"), Replay.subjects(d, FindingKind.CONNECTION_LEAK));
        assertEquals(90, Replay.measure(d, Measure.CLIENT_SESSIONS, "10.0.0.1"));
        assertEquals(30, Replay.measure(d, Measure.CLIENT_SESSIONS, "10.0.0.2"));
        assertEquals(80.0 / 60, Replay.measure(d, Measure.CLIENT_CONNECTION_GROWTH_RATE, "10.0.0.1"), 1e-9);
        assertEquals(0.0, Replay.measure(d, Measure.CLIENT_CONNECTION_GROWTH_RATE, "10.0.0.2"), 1e-9);
        assertTrue(d.findings().get(0).summary().contains("rose steadily from 10 to 90"), d.findings().get(0).summary());
    }

    @Test
    void leakStartingLateInTheWindowIsFoundDespiteTheFlatReadingsBeforeIt() {
        int[] readings = new int[40];
        for (int i = 0; i < readings.length; i++) {
            readings[i] = i < 32 ? 6 : 6 + (i - 31) * 10;
        }
        Detection d = readings(FindingThresholds.defaults(), readings).run(detector);
        assertEquals(List.of("10.0.0.1"), Replay.subjects(d, FindingKind.CONNECTION_LEAK));
    }

    @Test
    void poolOpeningAtOnceOrFallingBackOrRisingLittleIsNoLeak() {
        FindingThresholds t = FindingThresholds.defaults();
        assertEquals(List.of(), readings(t, 0, 0, 80, 80, 80, 80).run(detector).findings(), "one rise: a pool starting");
        assertEquals(List.of(), readings(t, 10, 30, 50, 70, 40).run(detector).findings(), "fell back");
        assertEquals(List.of(), readings(t, 10, 20, 30, 40, 50).run(detector).findings(), "+40, 50 required");
    }

    @Test
    void hostAboveTheSessionLimitIsALeakWhateverItsTrend() {
        FindingThresholds t = FindingThresholds.defaults().toBuilder().connectionLeakMaxSessions(60).build();
        Detection d = readings(t, 80, 80).run(detector);
        assertEquals(List.of("10.0.0.1"), Replay.subjects(d, FindingKind.CONNECTION_LEAK));
        assertTrue(d.findings().get(0).summary().contains("exceed the limit of 60"), d.findings().get(0).summary());
    }

    @Test
    void onlyTheLargestHostsGetSeriesOfTheirOwn() {
        List<Hand.Conn> many = new ArrayList<>();
        for (int h = 0; h < 60; h++) {
            many.addAll(conns(h * 100L + 1, h < 10 ? 5 : 1, "10.9.0." + h));
        }
        Detection d = new Replay().add(t(1), Hand.ensemble(t(0), member("zk1:2181").monitor(t(0), 1).cons(t(0), many)))
                .run(detector);
        long series = d.measurements().stream().filter(m -> m.measure() == Measure.CLIENT_SESSIONS).count();
        assertEquals(ConnectionLeakDetector.EXPORTED_CLIENTS + 1, series);
        assertEquals(10, Replay.measure(d, Measure.CLIENT_SESSIONS, "other"), "the ten smallest hosts, one each");
    }
}
