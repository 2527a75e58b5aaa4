package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code findings:} block: read key by key, inherited from defaults, and as strict as the rest of the file. */
class FindingsConfigTest {

    @Test
    void ensembleWithoutFindingsBlockGetsTheDocumentedDefaults() {
        ZkwatchConfig c = Yaml.load("ensembles:\n  - name: a\n    members: [zk1:2181]\n");
        assertEquals(FindingThresholds.defaults(), c.ensemble("a").orElseThrow().findings());
    }

    @Test
    void ensembleKeysOverrideDefaultsKeysWhichOverrideBuiltIns() {
        ZkwatchConfig c = Yaml.load("""
                defaults:
                  findings: { skew_ratio: 3.5, orphan_grace: 20m, growth_min_data_bytes_per_day: 1GiB }
                ensembles:
                  - name: a
                    members: [zk1:2181]
                    findings: { skew_ratio: 1.5, connection_leak_min_points: 6 }
                  - name: b
                    members: [zk2:2181]
                """);
        FindingThresholds a = c.ensemble("a").orElseThrow().findings();
        FindingThresholds b = c.ensemble("b").orElseThrow().findings();
        assertEquals(1.5, a.skewRatio());
        assertEquals(6, a.connectionLeakMinPoints());
        assertEquals(Optional.of(Duration.ofMinutes(20)), a.orphanGrace(), "inherited from defaults");
        assertEquals(1L << 30, a.growthMinDataBytesPerDay());
        assertEquals(3.5, b.skewRatio());
        assertEquals(FindingThresholds.defaults().connectionLeakMinPoints(), b.connectionLeakMinPoints());
    }

    @Test
    void unknownKeyIsAnErrorNamingItsPathAndTheAllowedKeys() {
        List<ConfigError> errors = Yaml.errors("""
                ensembles:
                  - name: a
                    members: [zk1:2181]
                    findings: { skew_ration: 2 }
                """);
        ConfigError e = Yaml.only(errors, "ensembles[0].findings.skew_ration");
        assertTrue(e.reason().contains("skew_ratio"), e.toString());
    }

    @Test
    void outOfRangeValuesAreReportedUnderTheBlockAllAtOnce() {
        List<ConfigError> errors = Yaml.errors("""
                defaults:
                  findings: { skew_ratio: 0.5, orphan_min_observations: 1, growth_min_span: 2h }
                ensembles:
                  - name: a
                    members: [zk1:2181]
                    findings: { history_window: 15 }
                """);
        assertTrue(Yaml.only(errors, "defaults.findings.skew_ratio").reason().contains("must be above 1"),
                Yaml.render(errors));
        assertTrue(Yaml.only(errors, "defaults.findings.orphan_min_observations").reason().contains("at least 2"),
                Yaml.render(errors));
        assertTrue(Yaml.only(errors, "defaults.findings.growth_min_span").reason().contains("history_window"),
                Yaml.render(errors));
        assertTrue(Yaml.only(errors, "ensembles[0].findings.history_window").reason().contains("has no unit"),
                Yaml.render(errors));
    }

    @Test
    void findingsBlockMustBeAMapping() {
        List<ConfigError> errors = Yaml.errors("ensembles:\n  - name: a\n    members: [zk1:2181]\n    findings: 3\n");
        assertEquals(1, errors.stream().filter(e -> e.key().equals("ensembles[0].findings")).count(), Yaml.render(errors));
    }

    @Test
    void changingAThresholdChangesTheEnsembleOnReload() {
        ZkwatchConfig before = Yaml.load("ensembles:\n  - name: a\n    members: [zk1:2181]\n");
        ZkwatchConfig after = Yaml.load("ensembles:\n  - name: a\n    members: [zk1:2181]\n"
                + "    findings: { max_subjects: 3 }\n");
        assertEquals(List.of("a"), before.changesTo(after).changed());
    }
}
