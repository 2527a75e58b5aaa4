package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkwatch.daemon.FixtureEnsemble;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.prom.PromTool;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The golden {@code /metrics} files are the specification of what zkwatch exports: a snapshot built from the
 * captured fixtures, rendered through the real registry, must match them byte for byte. Run with
 * {@code -Dzkwatch.updateGolden=true} to rewrite them on purpose; the change then shows up as a diff in review.
 */
class GoldenMetricsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** The reference and odd-paths ensembles, rendered with the daemon's default {@code top_n} of 50. */
    static String render(int topN) throws IOException {
        SnapshotStore store = FixtureEnsemble.withTopN(topN).store();
        try (MetricsRegistry registry = MetricsRegistry.withoutJvmMetrics(io.micrometer.core.instrument.Clock.SYSTEM)) {
            registry.register(new SnapshotExporter(store, name -> topN, e -> LabelPolicy.raw(), FixtureEnsemble.clock()));
            StringWriter out = new StringWriter();
            registry.write(out, Set.of());
            return out.toString();
        }
    }

    @Test
    void fixtureEnsembleRendersExactlyAsTheGoldenFile() throws Exception {
        assertGolden("fixture-ensemble.prom", render(50));
    }

    @Test
    void topNOfTwoFoldsTheRestIntoOtherAndCountsWhatWasCapped() throws Exception {
        String text = render(2);
        assertGolden("fixture-ensemble-top2.prom", text);
        // zk1 holds four watching sessions: two are shown, two are folded into "other" (5 + 3 of 21 watches).
        String zk1 = "ensemble=\"reference\",server=\"127.0.0.1:21811\"";
        assertTrue(text.contains("zookeeper_session_watches{" + zk1 + ",session=\"other\",client=\"other\",} 5.0"),
                text);
        assertTrue(text.contains("zkwatch_capped_items{" + zk1 + ",kind=\"session\",} 2.0"), text);
        assertTrue(text.contains("zookeeper_path_watchers{" + zk1 + ",path=\"other\","), text);
        assertTrue(text.contains("zookeeper_watching_sessions{" + zk1 + ",} 4.0"),
                "the true count is exported beside the capped series");
    }

    @Test
    void goldenFilesPassPromtoolLint() throws Exception {
        assumeTrue(PromTool.available(), "promtool is not installed: apt-get install prometheus");
        for (String name : List.of("fixture-ensemble.prom", "fixture-ensemble-top2.prom")) {
            PromTool.Result r = PromTool.checkMetrics(Files.readAllBytes(GOLDEN.resolve(name)));
            assertEquals(0, r.exitCode(), name + ": promtool check metrics found problems:\n" + r.output());
            assertEquals("", r.output().strip(), name + ": promtool printed findings:\n" + r.output());
        }
    }

    /** Compares with the golden file, or rewrites it when {@code zkwatch.updateGolden} is true. */
    static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("zkwatch.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " does not exist; create it with -Dzkwatch.updateGolden=true and review it");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(name + " differs from the rendered output (rewrite on purpose with -Dzkwatch.updateGolden=true)\n"
                    + firstDifference(expected, actual));
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of output>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + "\n  golden:   " + el + "\n  rendered: " + al;
            }
        }
        return "(line endings differ)";
    }
}
