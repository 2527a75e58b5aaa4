package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import io.zkwatch.prom.PromTool;
import io.zkwatch.prom.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * zkwatch as Prometheus meets it: a real Prometheus (Debian's package) scrapes a daemon watching a real server,
 * and promtool lints the very output it scraped, the daemon's own JVM metrics included.
 */
class PrometheusScrapeTest {

    @RegisterExtension
    static final SharedEnsembles SINGLE = new SharedEnsembles(TestEnsembles::standalone);

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final int WATCHES = 6;

    @TempDir
    Path dir;

    private static double value(JsonNode result) {
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    @Test
    void prometheusScrapesZkwatchAndFindsTheWatchesOfATestSession() throws Exception {
        assumeTrue(PrometheusServer.available(), "prometheus is not installed: apt-get install prometheus");
        LocalServer zk = SINGLE.get(ZkVersions.newest()).servers().get(0);
        try (Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir.resolve("zkwatch"),
                     DaemonHarness.yaml("prom", List.of(zk), ""))) {
            ZooKeeper c = clients.connectPinned(zk);
            for (int i = 0; i < WATCHES; i++) {
                Clients.create(c, "/prom/n" + i, "x");
                Clients.watchData(c, "/prom/n" + i, e -> { });
            }
            String session = Clients.hexId(c);
            d.await(m -> m.has("zookeeper_session_watches", "session", session), WAIT, "the test session");
            try (PrometheusServer prom = PrometheusServer.start(dir.resolve("prometheus"),
                    List.of("127.0.0.1:" + d.daemon().port()), List.of(), null, "")) {
                prom.awaitQuery("up{job=\"zkwatch\"}", r -> r.size() == 1 && value(r) == 1, WAIT);
                List<JsonNode> targets = prom.activeTargets();
                assertEquals(1, targets.size(), targets.toString());
                assertEquals("up", targets.get(0).path("health").asText(), targets.toString());
                assertEquals("", targets.get(0).path("lastError").asText());

                JsonNode watches = prom.awaitQuery("zookeeper_session_watches{ensemble=\"prom\",session=\""
                        + session + "\"}", r -> r.size() == 1, WAIT);
                assertEquals(WATCHES, value(watches));
                assertEquals("127.0.0.1", watches.get(0).path("metric").path("client").asText());
                assertEquals(1.0, value(prom.awaitQuery("zkwatch_up{ensemble=\"prom\"}", r -> r.size() == 1,
                        WAIT)));
                assertEquals(WATCHES, value(prom.awaitQuery("zookeeper_watches{ensemble=\"prom\",type=\"data\"}",
                        r -> r.size() == 1, WAIT)));
                assertTrue(value(prom.awaitQuery("jvm_memory_used_bytes{area=\"heap\"}", r -> !r.isEmpty(),
                        WAIT)) > 0, "the daemon's own JVM metrics are scraped too");
            }
        }
    }

    @Test
    void theLiveExpositionPassesPromtoolIncludingJvmMetrics() throws Exception {
        assumeTrue(PromTool.available(), "promtool is not installed: apt-get install prometheus");
        LocalServer zk = SINGLE.get(ZkVersions.newest()).servers().get(0);
        try (DaemonHarness d = DaemonHarness.start(dir, DaemonHarness.yaml("lint", List.of(zk), ""))) {
            String m = d.awaitMetrics(x -> x.contains("zkwatch_collector_duration_seconds_count")
                    && x.contains("zookeeper_path_watchers") && x.contains("jvm_gc"), WAIT, "a full exposition");
            PromTool.Result r = PromTool.checkMetrics(m.getBytes(StandardCharsets.UTF_8));
            assertEquals("", r.output().strip(), "promtool check metrics:\n" + r.output());
            assertEquals(0, r.exitCode(), r.output());
        }
    }
}
