package io.zkwatch.dashboards;

import io.zkwatch.dashboards.Grafana.Dashboard;
import io.zkwatch.dashboards.Grafana.Panel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source of {@code dashboards/grafana/*.json}. The JSON files are what ships (and what the tests read); this
 * class writes them, so that the layout, the variables and the data source stay alike across dashboards. After
 * an edit here, rewrite them with
 * {@code mvn -o -q test -Dtest=DashboardJsonTest -Dzkwatch.dashboards.write=true} and review the diff.
 */
final class ZkwatchDashboards {

    static final Path DIRECTORY = Path.of("dashboards", "grafana");

    /** The ensemble only: for ensemble-wide facts (skew, findings, snapshot age). */
    private static final String E = "ensemble=\"$ensemble\"";
    /** The ensemble and the chosen members. */
    private static final String S = "ensemble=\"$ensemble\", server=~\"$server\"";

    /** Failure reasons that are not faults: the command is not meaningful on that member, or a guard held it back. */
    private static final String BY_DESIGN = "unavailable|skipped";

    private ZkwatchDashboards() {
    }

    static List<Dashboard> all() {
        return List.of(overview(), watches(), clients(), health());
    }

    /** File name to content, in a stable order. */
    static Map<String, String> rendered() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dashboard d : all()) {
            out.put(d.uid() + ".json", Grafana.pretty(d.toJson()));
        }
        return out;
    }

    static void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, String> e : rendered().entrySet()) {
            Files.writeString(directory.resolve(e.getKey()), e.getValue());
        }
    }

    static Dashboard overview() {
        return new Dashboard("zkwatch-ensemble-overview", "ZooKeeper / Ensemble overview",
                "Members, roles and health; how connections and watches spread over the members; active findings.")
                .add(Panel.stat("Members up", 4, 4).instant("sum(zkwatch_up{" + S + "})", "up")
                        .description("Members that answered their last poll (zkwatch_up)."))
                .add(Panel.stat("Members down", 4, 4).instant("count(zkwatch_up{" + S + "} == 0) or vector(0)", "down")
                        .thresholds(1, "red"))
                .add(Panel.stat("Leader", 4, 4).instant("max by (server) (zookeeper_leader{" + S + "}) == 1",
                        "{{server}}").option("textMode", "name")
                        .description("The member that reports itself leader (or standalone)."))
                .add(Panel.stat("Session connections", 4, 4).instant("sum(zookeeper_session_connections{" + S + "})",
                        "connections"))
                .add(Panel.stat("Watches", 4, 4).instant("sum(zookeeper_watches{" + S + "})", "watches"))
                .add(Panel.stat("Active findings", 4, 4)
                        .instant("count(zkwatch_finding{" + E + "} == 1) or vector(0)", "findings")
                        .thresholds(1, "orange")
                        .description("Findings zkwatch reports as active (zkwatch_finding = 1): skew, orphaned "
                                + "watches, growth, connection leaks."))
                .row("Members")
                .add(Panel.table("Members", 24, 7)
                        .rows("max by (server, role, version) (zookeeper_server_info{" + S + "})")
                        .rows("max by (server) (zkwatch_up{" + S + "})")
                        .rows("sum by (server) (zookeeper_session_connections{" + S + "})")
                        .rows("max by (server) (zookeeper_connection_share{" + S + "})")
                        .rows("sum by (server) (zookeeper_watches{" + S + "})")
                        .rows("max by (server) (zookeeper_watch_share{" + S + "})")
                        .transform("merge", Grafana.JSON.createObjectNode())
                        .organize(List.of("Value #A"), "Value #B", "up", "Value #C", "connections",
                                "Value #D", "connection share", "Value #E", "watches", "Value #F", "watch share"))
                .add(Panel.states("Up / down", 24, 5).query("max by (server) (zkwatch_up{" + S + "})", "{{server}}")
                        .mapping("1", "up", "green").mapping("0", "down", "red"))
                .row("Distribution over members")
                .add(Panel.bars("Connection share", 8, 7)
                        .instant("max by (server) (zookeeper_connection_share{" + S + "})", "{{server}}")
                        .unit("percentunit").range(0, 1)
                        .description("Each member's fraction of the ensemble's session connections."))
                .add(Panel.bars("Watch share", 8, 7)
                        .instant("max by (server) (zookeeper_watch_share{" + S + "})", "{{server}}")
                        .unit("percentunit").range(0, 1))
                .add(Panel.stat("Skew (most loaded member vs. an even share)", 8, 7)
                        .instant("max(zookeeper_connection_share{" + E + "}) * count(zookeeper_connection_share{"
                                + E + "})", "connections")
                        .instant("max(zookeeper_watch_share{" + E + "}) * count(zookeeper_watch_share{" + E + "})",
                                "watches")
                        .unit("x").decimals(2).thresholds(1.5, "orange", 2.5, "red")
                        .description("1 is an even spread; 2 means the busiest member carries twice its share."))
                .add(Panel.timeseries("Session connections per member", 12, 8)
                        .query("sum by (server) (zookeeper_session_connections{" + S + "})", "{{server}}"))
                .add(Panel.timeseries("Watches per member", 12, 8)
                        .query("sum by (server) (zookeeper_watches{" + S + "})", "{{server}}"))
                .row("Findings")
                .add(Panel.table("Active findings", 24, 7)
                        .rows("max by (finding, server, subject) (zkwatch_finding{" + E + "}) == 1")
                        .renameColumns("Value", "active")
                        .description("One row per active finding. Empty is good."));
    }

    static Dashboard watches() {
        return new Dashboard("zkwatch-watches", "ZooKeeper / Watches",
                "Who holds the watches: top sessions, top paths and path prefixes, data vs. child watches, growth.")
                .add(Panel.stat("Data watches", 5, 4).instant("sum(zookeeper_watches{" + S + ", type=\"data\"})",
                        "data"))
                .add(Panel.stat("Child and persistent watches", 5, 4)
                        .instant("sum(zookeeper_watches{" + S + ", type=\"child\"})", "child"))
                .add(Panel.stat("Watched paths", 5, 4).instant("sum(zookeeper_watched_paths{" + S + "})", "paths"))
                .add(Panel.stat("Watching sessions", 5, 4)
                        .instant("sum(zookeeper_watching_sessions{" + S + "})", "sessions"))
                .add(Panel.stat("Watched prefixes", 4, 4)
                        .instant("max(zookeeper_watched_path_prefixes{" + S + "})", "prefixes"))
                .add(Panel.timeseries("Data vs. child watches", 12, 8)
                        .query("sum by (type) (zookeeper_watches{" + S + "})", "{{type}}").stacked())
                .add(Panel.timeseries("Watch growth (change over the last hour)", 12, 8)
                        .query("sum by (server) (delta(zookeeper_watches{" + S + "}[1h]))", "{{server}}")
                        .description("Steady growth with a flat client population often means a watch leak."))
                .row("Sessions")
                .add(Panel.table("Top sessions by data watches", 12, 10)
                        .rows("topk(20, zookeeper_session_watches{" + S + ", session!=\"other\"})")
                        .renameColumns("Value", "watches").sortBy("watches", true))
                .add(Panel.timeseries("Top sessions over time", 12, 10)
                        .query("topk(10, zookeeper_session_watches{" + S + ", session!=\"other\"})",
                                "{{session}} ({{client}}) on {{server}}"))
                .row("Paths")
                .add(Panel.table("Top watched paths", 12, 10)
                        .rows("topk(20, zookeeper_path_watchers{" + S + ", path!=\"other\"})")
                        .renameColumns("Value", "watching sessions").sortBy("watching sessions", true))
                .add(Panel.bars("Top path prefixes", 12, 10)
                        .instant("topk(15, sum by (prefix) (zookeeper_path_prefix_watches{" + S
                                + ", prefix!=\"other\"}))", "{{prefix}}"))
                .add(Panel.timeseries("Watches per path prefix over time", 24, 8)
                        .query("topk(10, sum by (prefix) (zookeeper_path_prefix_watches{" + S + "}))", "{{prefix}}")
                        .description("The prefix \"other\" sums every prefix past the top-N cap."));
    }

    static Dashboard clients() {
        return new Dashboard("zkwatch-clients", "ZooKeeper / Clients",
                "Client hosts: their connections and watches, which members they use, and connection growth.")
                .add(Panel.stat("Session connections", 6, 4)
                        .instant("sum(zookeeper_session_connections{" + S + "})", "connections"))
                .add(Panel.stat("Alive connections (incl. zkwatch)", 6, 4)
                        .instant("sum(zookeeper_alive_connections{" + S + "})", "alive"))
                .add(Panel.stat("Global sessions", 6, 4)
                        .instant("max(zookeeper_global_sessions{" + S + "})", "sessions"))
                .add(Panel.bars("Client hosts per member", 6, 4)
                        .instant("max by (server) (zookeeper_client_hosts{" + S + "})", "{{server}}"))
                .add(Panel.table("Connections and watches per client host", 12, 10)
                        .rows("sum by (client) (zookeeper_client_connections{" + S + ", client!=\"other\"})")
                        .rows("sum by (client) (zookeeper_client_watches{" + S + ", client!=\"other\"})")
                        .rows("count by (client) (zookeeper_client_connections{" + S + ", client!=\"other\"})")
                        .transform("merge", Grafana.JSON.createObjectNode())
                        .renameColumns("Value #A", "connections", "Value #B", "watches", "Value #C", "members")
                        .sortBy("connections", true)
                        .description("A host with many connections and few watches is often leaking sessions."))
                .add(Panel.table("Which members each host connects to", 12, 10)
                        .rows("sum by (client, server) (zookeeper_client_connections{" + S + "})")
                        .transform("groupingToMatrix", Grafana.JSON.createObjectNode().put("columnField", "server")
                                .put("rowField", "client").put("valueField", "Value"))
                        .description("Connections per host (rows) and member (columns)."))
                .add(Panel.timeseries("Connections per client host", 12, 8)
                        .query("topk(10, sum by (client) (zookeeper_client_connections{" + S + "}))", "{{client}}"))
                .add(Panel.timeseries("Connection growth per host (change over the last hour)", 12, 8)
                        .query("topk(10, sum by (client) (delta(zookeeper_client_connections{" + S + "}[1h])))",
                                "{{client}}"))
                .add(Panel.timeseries("Watches per client host", 12, 8)
                        .query("topk(10, sum by (client) (zookeeper_client_watches{" + S + "}))", "{{client}}"))
                .add(Panel.timeseries("Session connections per member", 12, 8)
                        .query("sum by (server) (zookeeper_session_connections{" + S + "})", "{{server}}"));
    }

    static Dashboard health() {
        String rate = "[$__rate_interval]";
        return new Dashboard("zkwatch-health", "ZooKeeper / zkwatch health",
                "Is zkwatch itself working: collector success and failures, durations, snapshot and reading age, "
                        + "bytes read, items folded into \"other\".")
                .add(Panel.stat("Collectors failing", 6, 4)
                        .instant("count(zkwatch_collector_failure{" + S + ", reason!~\"" + BY_DESIGN + "\"} == 1) "
                                + "or vector(0)", "failing")
                        .thresholds(1, "red")
                        .description("(Member, collector) pairs whose last run failed, not counting runs that are "
                                + "not meant to happen (" + BY_DESIGN + ", e.g. dump on a follower)."))
                .add(Panel.stat("Snapshot age", 6, 4).instant("max(zkwatch_snapshot_age_seconds{" + E + "})", "age")
                        .unit("s").thresholds(120, "orange", 600, "red"))
                .add(Panel.stat("Members answering", 6, 4).instant("sum(zkwatch_up{" + S + "})", "up"))
                .add(Panel.stat("Configuration reload", 6, 4)
                        .instant("min(zkwatch_config_last_reload_successful)", "reload")
                        .mapping("1", "ok", "green").mapping("0", "rejected", "red"))
                .add(Panel.table("Failing collectors", 12, 8)
                        .rows("max by (server, collector, reason) (zkwatch_collector_failure{" + S + "}) == 1")
                        .renameColumns("Value", "failing")
                        .description("not_whitelisted means the member refuses the command: fix its "
                                + "4lw.commands.whitelist or enable the AdminServer. unavailable (dump on a follower) "
                                + "and skipped (a guard held a dump back) are by design."))
                .add(Panel.table("Last run per collector and member", 12, 8)
                        .rows("min by (server, collector) (zkwatch_collector_success{" + S + "})")
                        .transform("groupingToMatrix", Grafana.JSON.createObjectNode().put("columnField", "server")
                                .put("rowField", "collector").put("valueField", "Value"))
                        .mapping("1", "ok", "green").mapping("0", "failed", "red"))
                .row("Collectors")
                .add(Panel.timeseries("Mean duration per run", 12, 8)
                        .query("sum by (collector) (rate(zkwatch_collector_duration_seconds_sum{" + S + "}" + rate
                                + ")) / sum by (collector) (rate(zkwatch_collector_duration_seconds_count{" + S + "}"
                                + rate + "))", "{{collector}}").unit("s"))
                .add(Panel.timeseries("Longest run", 12, 8)
                        .query("max by (collector) (zkwatch_collector_duration_seconds_max{" + S + "})",
                                "{{collector}}").unit("s"))
                .add(Panel.timeseries("Runs per second by result", 12, 8)
                        .query("sum by (collector, result) (rate(zkwatch_collector_duration_seconds_count{" + S + "}"
                                + rate + "))", "{{collector}} {{result}}").unit("ops"))
                .add(Panel.timeseries("Bytes read per second", 12, 8)
                        .query("sum by (collector) (rate(zkwatch_collector_read_bytes_total{" + S + "}" + rate + "))",
                                "{{collector}}").unit("Bps")
                        .description("The dumps (wchc, wchp, dump) dominate; they grow with the watch count."))
                .row("Freshness and caps")
                .add(Panel.timeseries("Reading age per collector", 12, 8)
                        .query("max by (collector) (zkwatch_reading_age_seconds{" + S + "})", "{{collector}}")
                        .unit("s").description("Dumps run less often than the cheap polls, so their readings are "
                                + "older."))
                .add(Panel.timeseries("Items folded into \"other\"", 12, 8)
                        .query("sum by (kind) (zkwatch_capped_items{" + S + "})", "{{kind}}")
                        .description("Sessions, paths, prefixes and client hosts past the top-N cap. Raise top_n "
                                + "if the ones you need are hidden."));
    }
}
