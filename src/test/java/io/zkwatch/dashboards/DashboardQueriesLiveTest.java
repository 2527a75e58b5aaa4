package io.zkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.prom.PrometheusServer;
import io.zkwatch.web.SkewedPopulation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query, its variables substituted as Grafana would, against a real Prometheus (Debian's package)
 * scraping zkwatch, which watches a real 3-node ensemble with a skewed client population and a leaking client.
 * Each query must parse and return data. The only exception is a query on a metric another branch is still
 * adding ({@link DashboardMetrics#PENDING}): it must parse, and may be empty.
 */
class DashboardQueriesLiveTest {

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    @TempDir
    Path dir;

    @Test
    void everyQueryReturnsDataFromPrometheusScrapingZkwatchOnALiveEnsemble() throws Exception {
        assumeTrue(PrometheusServer.available(), "prometheus is not installed");
        LocalEnsemble zk = QUORUM.get("3.9.5");
        try (Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir.resolve("zkwatch"), DaemonHarness.yaml("dash", zk, ""))) {
            SkewedPopulation population = SkewedPopulation.create(clients, zk);
            d.awaitMetrics(m -> population.fullyVisible(m, "dash"), Duration.ofSeconds(60), "the population");
            try (PrometheusServer prom = PrometheusServer.start(dir.resolve("prometheus"),
                    List.of("127.0.0.1:" + d.daemon().port()), List.of(), null, "")) {
                prom.awaitQuery("zookeeper_session_watches{ensemble=\"dash\"}", r -> r.size() > 0,
                        Duration.ofSeconds(60));

                for (DashboardQueries.Query v : DashboardQueries.variableQueries()) {
                    String selector = DashboardQueries.variableSelector(v.substituted("dash", ".*"));
                    String label = DashboardQueries.variableLabel(v.expr());
                    JsonNode r = prom.query("count by (" + label + ") (" + selector + ")");
                    assertTrue(r.size() > 0, v + " lists no " + label);
                }

                Map<DashboardQueries.Query, String> empty = new LinkedHashMap<>();
                List<String> acceptedEmpty = new ArrayList<>();
                Instant end = Instant.now().plusSeconds(90);
                List<DashboardQueries.Query> queries = DashboardQueries.panelQueries();
                for (DashboardQueries.Query q : queries) {
                    String promql = q.substituted("dash", ".*");
                    assertEquals("", prom.parseError(promql), q.toString());
                    boolean pending = PromQl.metricNames(q.expr()).stream()
                            .anyMatch(DashboardMetrics.PENDING::containsKey);
                    JsonNode r = awaitData(prom, promql, end);
                    if (r.size() > 0) {
                        continue;
                    }
                    if (pending) {
                        acceptedEmpty.add(q.dashboard() + " / " + q.where());
                    } else {
                        empty.put(q, promql);
                    }
                }
                assertEquals(Map.of(), empty, "queries that returned no data");
                System.out.println((queries.size() - acceptedEmpty.size()) + " of " + queries.size()
                        + " dashboard queries returned data; empty because a pending "
                        + "metric is not exported yet: " + acceptedEmpty);
                assertTrue(acceptedEmpty.size() <= 1, "only the findings table may be empty: " + acceptedEmpty);
            }
        }
    }

    private static JsonNode awaitData(PrometheusServer prom, String promql, Instant end) throws Exception {
        JsonNode r = prom.query(promql);
        while (r.size() == 0 && Instant.now().isBefore(end)) {
            TimeUnit.MILLISECONDS.sleep(500);
            r = prom.query(promql);
        }
        return r;
    }
}
