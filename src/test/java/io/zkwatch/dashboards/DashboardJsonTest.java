package io.zkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.prom.PromTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboards are well-formed: in step with their generator, fixed uids, no instance noise,
 * the three template variables, a grid without overlaps, and PromQL that Prometheus parses.
 */
class DashboardJsonTest {

    @TempDir
    Path dir;

    @Test
    void checkedInFilesAreWhatTheGeneratorWrites() throws Exception {
        if (Boolean.getBoolean("zkwatch.dashboards.write")) {
            ZkwatchDashboards.write(ZkwatchDashboards.DIRECTORY);
        }
        Map<String, String> expected = ZkwatchDashboards.rendered();
        List<String> onDisk = DashboardQueries.files().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.copyOf(new java.util.TreeSet<>(expected.keySet())), onDisk,
                "dashboards/grafana holds exactly the generated files");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), Files.readString(ZkwatchDashboards.DIRECTORY.resolve(e.getKey())),
                    e.getKey() + " differs from ZkwatchDashboards: rewrite it with -Dzkwatch.dashboards.write=true");
        }
    }

    @Test
    void everyDashboardHasAFixedUidANullIdNoVersionAndTheThreeVariables() throws Exception {
        Set<String> uids = new HashSet<>();
        for (Path f : DashboardQueries.files()) {
            JsonNode d = DashboardQueries.read(f);
            String uid = d.path("uid").asText();
            assertEquals(f.getFileName().toString(), uid + ".json", "the file is named after its uid");
            assertTrue(uid.matches("[a-z0-9-]{1,40}"), uid);
            assertTrue(uids.add(uid), "duplicate uid " + uid);
            assertTrue(d.has("id") && d.get("id").isNull(), f + ": id must be null");
            assertFalse(d.has("version"), f + ": no version");
            assertFalse(d.has("iteration"), f + ": no iteration");
            List<String> names = new ArrayList<>();
            d.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
            assertEquals(List.of("datasource", "ensemble", "server"), names, f.toString());
            JsonNode ds = d.path("templating").path("list").get(0);
            assertEquals("datasource", ds.path("type").asText());
            assertEquals("prometheus", ds.path("query").asText());
            JsonNode server = d.path("templating").path("list").get(2);
            assertTrue(server.path("includeAll").asBoolean() && server.path("multi").asBoolean(), f.toString());
            assertEquals(".*", server.path("allValue").asText());
        }
        assertEquals(4, uids.size(), "overview, watches, clients, health: " + uids);
    }

    @Test
    void everyPanelAndQueryReadsTheDatasourceVariable() throws Exception {
        for (Path f : DashboardQueries.files()) {
            for (JsonNode panel : DashboardQueries.read(f).path("panels")) {
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                String where = f.getFileName() + " / " + panel.path("title").asText();
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), where);
                assertTrue(panel.path("targets").size() > 0, where + " has no query");
                for (JsonNode t : panel.path("targets")) {
                    assertEquals("${datasource}", t.path("datasource").path("uid").asText(), where);
                    assertFalse(t.path("expr").asText().isBlank(), where);
                }
            }
        }
    }

    @Test
    void panelsFitTheGridWithoutOverlapping() throws Exception {
        for (Path f : DashboardQueries.files()) {
            List<int[]> boxes = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : DashboardQueries.read(f).path("panels")) {
                assertTrue(ids.add(p.path("id").asInt()), f + ": duplicate panel id " + p.path("id"));
                JsonNode g = p.path("gridPos");
                int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
                assertTrue(box[2] > 0 && box[3] > 0 && box[0] + box[2] <= 24, f + ": " + p.path("title") + " " + g);
                for (int[] other : boxes) {
                    boolean apart = box[0] >= other[0] + other[2] || other[0] >= box[0] + box[2]
                            || box[1] >= other[1] + other[3] || other[1] >= box[1] + box[3];
                    assertTrue(apart, f + ": " + p.path("title") + " overlaps another panel at " + g);
                }
                boxes.add(box);
            }
        }
    }

    /** promtool parses each query as a recording rule: its error names the rule, so the panel. */
    @Test
    void everyQueryParsesWithItsVariablesSubstituted() throws Exception {
        assumeTrue(PromTool.available(), "promtool is not installed");
        List<DashboardQueries.Query> queries = new ArrayList<>(DashboardQueries.panelQueries());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (DashboardQueries.Query q : queries) {
            for (String server : List.of(".*", "127.0.0.1:2181", "(zk1:2181|zk2:2181)")) {
                rules.append("      - record: dashboard:query_").append(n++).append("\n        expr: ")
                        .append(Grafana.JSON.writeValueAsString(q.substituted("prod-1", server))).append('\n');
            }
        }
        for (DashboardQueries.Query v : DashboardQueries.variableQueries()) {
            rules.append("      - record: dashboard:variable_").append(n++).append("\n        expr: ")
                    .append(Grafana.JSON.writeValueAsString(DashboardQueries.variableSelector(
                            v.substituted("prod-1", ".*")))).append('\n');
        }
        Path file = dir.resolve("dashboard-queries.yaml");
        Files.writeString(file, rules);
        PromTool.Result r = PromTool.checkRules(file);
        assertTrue(r.ok(), "promtool rejects a dashboard query:\n" + r.output() + "\n" + rules);
        assertTrue(r.output().contains("SUCCESS: " + n + " rules found"), r.output());
        assertTrue(queries.size() > 40, "all four dashboards' queries were read: " + queries.size());
    }

    @Test
    void metricNamesAreFoundInQueries() {
        assertEquals(Set.of("zookeeper_watches", "zookeeper_connection_share"), PromQl.metricNames(
                "sum by (server) (delta(zookeeper_watches{ensemble=\"a\", server=~\".*\"}[1h])) / on (server) "
                        + "group_left max(zookeeper_connection_share) * 1e3 or vector(0)"));
        assertEquals(Set.of("zkwatch_up"), PromQl.metricNames("count(zkwatch_up{s=\"x{y}\"} == 0) offset 5m"));
        if (PromQl.metricNames("rate(x[5m])").contains("m")) {
            fail("a duration is not a metric");
        }
    }
}
