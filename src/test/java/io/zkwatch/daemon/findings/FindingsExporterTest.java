package io.zkwatch.daemon.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkwatch.daemon.export.FindingsExporter;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricFamily;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.export.SnapshotExporter;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.findings.Measurement.Measure;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.prom.PromTool;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The metric contract of the findings: names, labels, values, redaction, and vanishing when a finding ends. */
class FindingsExporterTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private final AtomicReference<List<EnsembleFindings>> results = new AtomicReference<>(List.of(results()));

    private static EnsembleFindings results() {
        List<EnsembleFindings.Active> active = List.of(
                new EnsembleFindings.Active(new Finding(FindingKind.ORPHANED_WATCHES, "zk1:2181", SubjectKind.SESSION,
                        "0xa1", "s", Map.of()), NOW),
                new EnsembleFindings.Active(new Finding(FindingKind.CONNECTION_LEAK, "", SubjectKind.CLIENT,
                        "10.0.0.1", "s", Map.of()), NOW),
                new EnsembleFindings.Active(new Finding(FindingKind.MEMBER_UNREACHABLE, "zk2:2181", SubjectKind.NONE,
                        "", "s", Map.of()), NOW));
        List<Measurement> m = List.of(
                Measurement.of(Measure.SKEW_RATIO, 2.5, "zk1:2181", "connections"),
                Measurement.of(Measure.ORPHANED_SESSIONS, 1, "zk1:2181"),
                Measurement.of(Measure.ORPHANED_WATCHES, 3, "zk1:2181"),
                Measurement.of(Measure.ORPHAN_GRACE_SECONDS, 70, "zk1:2181"),
                Measurement.of(Measure.GROWTH_RATE, 0.5, "zk1:2181", "watches"),
                Measurement.of(Measure.CLIENT_CONNECTION_GROWTH_RATE, 1.25, "10.0.0.1"),
                Measurement.of(Measure.CLIENT_SESSIONS, 90, "10.0.0.1"),
                Measurement.of(Measure.CLIENT_SESSIONS, 4, "other"));
        return new EnsembleFindings("kafka", NOW, 10, active, m, Map.of());
    }

    private String scrape(LabelPolicy labels) throws Exception {
        try (MetricsRegistry registry = MetricsRegistry.create(io.micrometer.core.instrument.Clock.SYSTEM)) {
            registry.register(new SnapshotExporter(new SnapshotStore(), e -> 50, e -> labels,
                    Clock.fixed(NOW, ZoneOffset.UTC)));
            registry.register(new FindingsExporter(results::get, e -> labels));
            StringWriter out = new StringWriter();
            Set<String> names = Set.copyOf(MetricFamily.of(MetricFamily.Source.FINDINGS).stream()
                    .map(MetricFamily::metricName).toList());
            registry.write(out, names);
            return out.toString();
        }
    }

    @Test
    void rendersEveryFindingAndMeasurementUnderTheContractNames() throws Exception {
        String text = scrape(LabelPolicy.raw());
        for (String line : List.of(
                "zkwatch_finding{ensemble=\"kafka\",finding=\"orphaned_watches\",server=\"zk1:2181\",subject=\"0xa1\",} 1.0",
                "zkwatch_finding{ensemble=\"kafka\",finding=\"connection_leak\",server=\"\",subject=\"10.0.0.1\",} 1.0",
                "zkwatch_finding{ensemble=\"kafka\",finding=\"member_unreachable\",server=\"zk2:2181\",subject=\"\",} 1.0",
                "zkwatch_skew_ratio{ensemble=\"kafka\",server=\"zk1:2181\",type=\"connections\",} 2.5",
                "zkwatch_orphaned_sessions{ensemble=\"kafka\",server=\"zk1:2181\",} 1.0",
                "zkwatch_orphaned_watches{ensemble=\"kafka\",server=\"zk1:2181\",} 3.0",
                "zkwatch_orphan_grace_seconds{ensemble=\"kafka\",server=\"zk1:2181\",} 70.0",
                "zkwatch_growth_rate_per_second{ensemble=\"kafka\",server=\"zk1:2181\",metric=\"watches\",} 0.5",
                "zkwatch_client_connection_growth_rate_per_second{ensemble=\"kafka\",client=\"10.0.0.1\",} 1.25",
                "zkwatch_client_sessions{ensemble=\"kafka\",client=\"10.0.0.1\",} 90.0",
                "zkwatch_client_sessions{ensemble=\"kafka\",client=\"other\",} 4.0")) {
            assertTrue(text.contains(line + "\n"), "missing " + line + " in\n" + text);
        }
    }

    @Test
    void endedFindingVanishesFromTheNextScrape() throws Exception {
        results.set(List.of(new EnsembleFindings("kafka", NOW, 11, List.of(), List.of(), Map.of())));
        String text = scrape(LabelPolicy.raw());
        assertEquals(-1, text.indexOf("zkwatch_finding{"), text);
        assertEquals(-1, text.indexOf("zkwatch_orphaned_sessions{"), text);
    }

    @Test
    void expositionPassesPromtoolLint() throws Exception {
        assumeTrue(PromTool.available(), "promtool not installed");
        PromTool.Result r = PromTool.checkMetrics(scrape(LabelPolicy.raw()).getBytes(StandardCharsets.UTF_8));
        assertTrue(r.ok(), r.output());
    }
}
