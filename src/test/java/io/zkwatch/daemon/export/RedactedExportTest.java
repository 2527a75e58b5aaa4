package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.zkwatch.daemon.FixtureEnsemble;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The top-N arithmetic under shortening redaction: series that come out alike are summed, never repeated, and every
 * capped family still adds up per member to what it adds up to with raw labels.
 */
class RedactedExportTest {

    private static final List<MetricFamily> SUMMED = List.of(MetricFamily.PATH_WATCHERS, MetricFamily.PREFIX_WATCHES,
            MetricFamily.CLIENT_CONNECTIONS, MetricFamily.CLIENT_WATCHES);

    private static List<Sample> render(LabelPolicy policy, int topN, MetricFamily family) {
        SnapshotStore store = new SnapshotStore();
        FixtureEnsemble.put(store, FixtureEnsemble.withTopN(50).reference());
        return SnapshotExporterTest.samples(new SnapshotExporter(store, n -> topN, e -> policy,
                FixtureEnsemble.clock()), family);
    }

    /** The sum of a family's samples per member. */
    private static Map<String, Double> perServer(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(s -> s.labelValues.get(1), TreeMap::new,
                Collectors.summingDouble(s -> s.value)));
    }

    private static void assertUnique(List<Sample> samples) {
        Set<List<String>> seen = new HashSet<>();
        samples.forEach(s -> assertTrue(seen.add(s.labelValues), "repeated label set " + s.labelValues));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 50})
    void shortenedPathsAndNetworksAreSummedAndStillAddUp(int topN) {
        LabelPolicy shortened = LabelPolicy.of(RedactionRule.pathPrefix(1), RedactionRule.network(8, 32));
        for (MetricFamily f : SUMMED) {
            List<Sample> raw = render(LabelPolicy.raw(), topN, f);
            List<Sample> shown = render(shortened, topN, f);
            assertFalse(raw.isEmpty(), f + " has samples in the fixture");
            assertUnique(shown);
            assertEquals(perServer(raw), perServer(shown), f + " per member, top " + topN);
            assertTrue(shown.size() <= raw.size(), f + ": shortening never adds series");
        }
        // The fixture's paths all lie under /probe: at depth 1 the top paths of a member become one series.
        assertTrue(render(shortened, topN, MetricFamily.PATH_WATCHERS).size()
                < render(LabelPolicy.raw(), topN, MetricFamily.PATH_WATCHERS).size() || topN == 1);
        List<Sample> paths = render(shortened, topN, MetricFamily.PATH_WATCHERS);
        assertTrue(paths.stream().map(s -> s.labelValues.get(2))
                .allMatch(p -> p.equals(SnapshotExporter.OTHER) || p.indexOf('/', 1) < 0), paths.toString());
        List<Sample> clients = render(shortened, topN, MetricFamily.CLIENT_CONNECTIONS);
        assertTrue(clients.stream().map(s -> s.labelValues.get(2))
                .allMatch(c -> c.equals(SnapshotExporter.OTHER) || c.endsWith(".0.0.0/8")), clients.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50})
    void hmacKeepsEverySeriesAndItsValue(int topN) {
        LabelPolicy hmac = LabelPolicy.of(RedactionRule.hmac("k".getBytes(StandardCharsets.UTF_8)),
                RedactionRule.hmac("k".getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily f : SUMMED) {
            List<Sample> raw = render(LabelPolicy.raw(), topN, f);
            List<Sample> shown = render(hmac, topN, f);
            assertEquals(raw.stream().map(s -> s.value).toList(), shown.stream().map(s -> s.value).toList(),
                    f.toString());
            assertTrue(shown.stream().map(s -> s.labelValues.get(2))
                    .allMatch(v -> v.equals(SnapshotExporter.OTHER) || v.matches("hmac:[0-9a-f]{24}")), f.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50})
    void droppedClientsLeaveNoPerHostSeriesButSessionsStay(int topN) {
        LabelPolicy drop = LabelPolicy.of(RedactionRule.raw(), RedactionRule.drop());
        assertEquals(List.of(), render(drop, topN, MetricFamily.CLIENT_CONNECTIONS));
        assertEquals(List.of(), render(drop, topN, MetricFamily.CLIENT_WATCHES));
        assertEquals(render(LabelPolicy.raw(), topN, MetricFamily.CLIENT_HOSTS),
                render(drop, topN, MetricFamily.CLIENT_HOSTS), "the true count of hosts stays");
        List<Sample> sessions = render(drop, topN, MetricFamily.SESSION_WATCHES);
        assertEquals(render(LabelPolicy.raw(), topN, MetricFamily.SESSION_WATCHES).size(), sessions.size());
        assertTrue(sessions.stream().map(s -> s.labelValues.get(3))
                .allMatch(c -> c.equals(LabelPolicy.REDACTED) || c.equals(SnapshotExporter.OTHER)
                        || c.equals("unknown")), sessions.toString());
    }
}
