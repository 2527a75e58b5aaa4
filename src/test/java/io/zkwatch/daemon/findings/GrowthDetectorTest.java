package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.FailureKind;
import io.zkwatch.daemon.findings.Measurement.Measure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Growth of watches, data size, znodes and heap, one reading a minute. */
class GrowthDetectorTest {

    private final GrowthDetector detector = new GrowthDetector();

    @Test
    void steadyWatchGrowthIsReportedWithSlopeAndProjection() {
        Replay r = new Replay();
        for (int i = 0; i <= 20; i++) {
            double at = i * 60;
            r.add(t(at + 1), Hand.ensemble(t(at), member("zk1:2181").monitor(t(at), 1000 + i * 50L)
                    .dataSize(5_000_000).znodes(400)));
        }
        Detection d = r.run(detector);
        assertEquals(List.of(""), Replay.subjects(d, FindingKind.WATCH_GROWTH));
        assertEquals(List.of(), Replay.subjects(d, FindingKind.MEMORY_GROWTH), "flat data size and znodes");
        assertEquals(50.0 / 60, Replay.measure(d, Measure.GROWTH_RATE, "zk1:2181", "watches"), 1e-9);
        assertEquals(0.0, Replay.measure(d, Measure.GROWTH_RATE, "zk1:2181", "approximate_data_size"), 1e-9);
        Finding f = d.findings().get(0);
        assertEquals(2000.0 + 50.0 / 60 * 86_400, (double) f.details().get("projected_24h"), 1e-6);
        assertTrue(f.summary().contains("from 1000 to 2000 over 1200s"), f.summary());
    }

    @Test
    void growthStartingLateInTheWindowIsFoundWhileTheWholeWindowSlopeIsExported() {
        Replay r = new Replay();
        for (int i = 0; i <= 59; i++) {
            double at = i * 60;
            long watches = i < 36 ? 1000 : 1000 + (i - 35) * 100L;
            r.add(t(at + 1), Hand.ensemble(t(at), member("zk1:2181").monitor(t(at), watches)));
        }
        Detection d = r.run(detector);
        assertEquals(List.of(""), Replay.subjects(d, FindingKind.WATCH_GROWTH));
        double whole = Replay.measure(d, Measure.GROWTH_RATE, "zk1:2181", "watches");
        double recent = (double) d.findings().get(0).details().get("slope_per_second");
        assertTrue(whole < recent && recent <= 100.0 / 60 + 1e-9,
                "the exported slope is the whole window's (" + whole + "), flatter than the recent stretch the finding "
                        + "reports (" + recent + ")");
    }

    @Test
    void heapGrowthIsAMemoryFindingNamingTheMetric() {
        Replay r = new Replay();
        for (int i = 0; i <= 20; i++) {
            double at = i * 60;
            r.add(t(at + 1), Hand.ensemble(t(at), member("zk1:2181").monitor(t(at), 10).heap(t(at), 100 + 10L * i)));
        }
        Detection d = r.run(detector);
        assertEquals(List.of("heap"), Replay.subjects(d, FindingKind.MEMORY_GROWTH));
        assertEquals(10.0 * (1 << 20) / 60, Replay.measure(d, Measure.GROWTH_RATE, "zk1:2181", "heap"), 1e-6);
    }

    @Test
    void noisyOrShortOrSmallGrowthIsNoFinding() {
        Replay noisy = new Replay();
        for (int i = 0; i <= 20; i++) {
            double at = i * 60;
            noisy.add(t(at + 1), Hand.ensemble(t(at), member("zk1:2181").monitor(t(at), i % 2 == 0 ? 1000 : 30_000)));
        }
        assertEquals(List.of(), Replay.subjects(noisy.run(detector), FindingKind.WATCH_GROWTH), "R² too low");
        Replay shortRun = new Replay();
        for (int i = 0; i <= 10; i++) {
            shortRun.add(t(i * 60 + 1), Hand.ensemble(t(i * 60), member("zk1:2181").monitor(t(i * 60), 1000 + i * 500L)));
        }
        Detection d = shortRun.run(detector);
        assertEquals(List.of(), d.findings(), "10 minutes of readings, 15 required");
        assertTrue(d.measurements().isEmpty(), "no slope is exported from too short a series");
        Replay small = new Replay();
        for (int i = 0; i <= 20; i++) {
            small.add(t(i * 60 + 1), Hand.ensemble(t(i * 60), member("zk1:2181").monitor(t(i * 60), 1_000_000 + i)));
        }
        assertEquals(List.of(), small.run(detector).findings(), "+1440 a day is below the floor and 50% of 1M");
    }

    @Test
    void restartStartsTheSeriesAgain() {
        Replay r = new Replay();
        for (int i = 0; i <= 20; i++) {
            double at = i * 60;
            if (i == 15) {
                r.add(t(at + 1), Hand.ensemble(t(at), member("zk1:2181").down(t(at), FailureKind.CONNECTION_REFUSED)));
            } else {
                r.add(t(at + 1), Hand.ensemble(t(at), member("zk1:2181").monitor(t(at), 1000 + i * 50L)));
            }
        }
        Detection d = r.run(detector);
        assertEquals(List.of(), d.findings(), "only 5 minutes since the restart");
    }
}
