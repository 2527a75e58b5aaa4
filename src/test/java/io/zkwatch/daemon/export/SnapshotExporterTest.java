package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.zkwatch.daemon.FixtureEnsemble;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering rules that the golden files show but do not name. */
class SnapshotExporterTest {

    static List<MetricFamilySamples.Sample> samples(SnapshotExporter exporter, MetricFamily family) {
        return exporter.collect().stream().filter(f -> f.name.equals(family.metricName()))
                .flatMap(f -> f.samples.stream()).toList();
    }

    @Test
    void membershipComesFromAnotherMemberWhenTheLeaderHasNoConf() {
        // In the reference capture only zk1 (a follower) answered conf; zk3, the leader, did not.
        SnapshotStore store = new SnapshotStore();
        FixtureEnsemble fixtures = FixtureEnsemble.withTopN(50);
        FixtureEnsemble.put(store, fixtures.reference());
        SnapshotExporter exporter = new SnapshotExporter(store, n -> 50, e -> LabelPolicy.raw(), FixtureEnsemble.clock());
        List<MetricFamilySamples.Sample> membership = samples(exporter, MetricFamily.MEMBERSHIP_INFO);
        assertEquals(List.of("1", "2", "3"), membership.stream().map(s -> s.labelValues.get(1)).toList(),
                "server ids of the membership zk1 reported");
        assertTrue(membership.stream().allMatch(s -> s.labelValues.get(2).startsWith("127.0.0.1:2288")),
                membership.toString());
    }
}
