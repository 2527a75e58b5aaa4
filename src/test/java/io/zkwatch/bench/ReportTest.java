package io.zkwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.bench.ScaleResult.DaemonRun;
import io.zkwatch.bench.ScaleResult.ReaderRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Probes.Window stalled(double maxMillis, double stalledMillis) {
        LatencyStats s = new LatencyStats(100, 1, 0.2, maxMillis, maxMillis, stalledMillis > 0 ? 1 : 0, stalledMillis);
        return new Probes.Window(s, s);
    }

    private static DaemonRun zkwatch(double maxMillis, double stalledMillis) {
        return new DaemonRun(0, 1, 1, 0, 10, 10, stalled(maxMillis, stalledMillis), GcLog.parse(""),
                LatencyStats.of(new long[] {1}, 1, 0), 1000, "");
    }

    @Test
    void comparesZkwatchWithTheLongestStallOfNcOverBothDumpsAndTheirSummedStall() {
        ScaleResult r = new ScaleResult(1_000_000, 20, 50_000, 1_000_000, 1_002_000, 60,
                List.of(new ReaderRun("nc", "wchc", 44, 0.8, stalled(800, 800)),
                        new ReaderRun("nc", "wchp", 21, 0.4, stalled(400, 400))),
                List.of(zkwatch(1000, 1500)));

        String ratios = Report.ratios(r);

        assertEquals("- zkwatch / nc: longest stall 1.25 (1000 ms / 800 ms), stalled time 1.25 (1.5 s / 1.2 s)\n",
                ratios);
    }

    @Test
    void showsADashWhereTheOtherReaderCausedNoStall() {
        ScaleResult r = new ScaleResult(20_000, 10, 2_000, 20_000, 21_000, 4,
                List.of(new ReaderRun("nc", "wchp", 1, 0.01, stalled(8, 0))), List.of(zkwatch(9, 0)));

        assertTrue(Report.ratios(r).contains("stalled time - (0.0 s / 0.0 s)"), Report.ratios(r));
    }
}
