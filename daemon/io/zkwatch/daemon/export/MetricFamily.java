package io.zkwatch.daemon.export;

import io.prometheus.client.Collector.Type;

/**
 * Every metric family zkwatch renders from snapshots: name, type, labels and help in one place. The golden
 * {@code /metrics} file in the tests is the specification; a change here must show up there as a diff.
 */
public enum MetricFamily {
    // ---- ZooKeeper facts, cached by poll ----
    SERVER_INFO("zookeeper_server_info", Type.GAUGE,
            "Always 1: the version and role a member reported in its last srvr/mntr poll.",
            "ensemble", "server", "version", "role"),
    MEMBER_INFO("zookeeper_ensemble_member_info", Type.GAUGE,
            "Always 1: a member zkwatch polls; origin says whether it is configured, discovered from the ensemble's "
                    + "membership (conf), or configured but absent from that membership.",
            "ensemble", "server", "origin"),
    MEMBERSHIP_INFO("zookeeper_membership_info", Type.GAUGE,
            "Always 1: one server.N line of the membership reported by conf on the leader (else any member).",
            "ensemble", "server_id", "quorum_address", "client_address", "role"),
    LEADER("zookeeper_leader", Type.GAUGE,
            "1 if the member reported itself leader (or standalone) in its last poll, else 0.",
            "ensemble", "server"),
    WATCHES("zookeeper_watches", Type.GAUGE,
            "Watches held by a member, cached by poll. type=data is wchs's total (getData/exists watches); "
                    + "type=child is mntr zk_watch_count minus that total (getChildren and persistent watches).",
            "ensemble", "server", "type"),
    WATCHED_PATHS("zookeeper_watched_paths", Type.GAUGE,
            "Distinct paths with at least one data watch, from wchs, cached by poll.",
            "ensemble", "server"),
    WATCHING_SESSIONS("zookeeper_watching_sessions", Type.GAUGE,
            "Distinct sessions holding data watches, from the last wchc dump (true count, before any top-N cap).",
            "ensemble", "server"),
    SESSION_WATCHES("zookeeper_session_watches", Type.GAUGE,
            "Data watches per session from the last wchc dump, joined with cons for the client host. Top N "
                    + "sessions per server; the rest are summed into session=\"other\".",
            "ensemble", "server", "session", "client"),
    PATH_WATCHERS("zookeeper_path_watchers", Type.GAUGE,
            "Sessions watching a path, from the last wchp dump. Top N paths per server; the rest are summed into "
                    + "path=\"other\".",
            "ensemble", "server", "path"),
    PREFIX_WATCHES("zookeeper_path_prefix_watches", Type.GAUGE,
            "Data watches under a path prefix (at the configured depth), from the last wchp dump. Top N prefixes "
                    + "per server; the rest are summed into prefix=\"other\".",
            "ensemble", "server", "prefix"),
    WATCHED_PREFIXES("zookeeper_watched_path_prefixes", Type.GAUGE,
            "Distinct watched path prefixes at the configured depth, from the last wchp dump (true count).",
            "ensemble", "server"),
    ALIVE_CONNECTIONS("zookeeper_alive_connections", Type.GAUGE,
            "Client connections the member reports (mntr zk_num_alive_connections), including zkwatch's own 4lw "
                    + "socket; cached by poll.",
            "ensemble", "server"),
    SESSION_CONNECTIONS("zookeeper_session_connections", Type.GAUGE,
            "Client connections carrying a session, from cons, cached by poll.",
            "ensemble", "server"),
    CONNECTION_SHARE("zookeeper_connection_share", Type.GAUGE,
            "This member's fraction (0-1) of the ensemble's session connections, from cons of every member.",
            "ensemble", "server"),
    WATCH_SHARE("zookeeper_watch_share", Type.GAUGE,
            "This member's fraction (0-1) of the ensemble's watches (mntr zk_watch_count of every member).",
            "ensemble", "server"),
    CLIENT_CONNECTIONS("zookeeper_client_connections", Type.GAUGE,
            "Session connections per client host and member, from cons. Top N hosts per server; the rest are "
                    + "summed into client=\"other\".",
            "ensemble", "server", "client"),
    CLIENT_WATCHES("zookeeper_client_watches", Type.GAUGE,
            "Data watches per client host and member: wchc sessions joined with cons. Top N hosts per server; the "
                    + "rest are summed into client=\"other\".",
            "ensemble", "server", "client"),
    CLIENT_HOSTS("zookeeper_client_hosts", Type.GAUGE,
            "Distinct client hosts connected to a member, from cons (true count).",
            "ensemble", "server"),
    ZNODES("zookeeper_znodes", Type.GAUGE, "Znodes in the data tree (mntr zk_znode_count), cached by poll.",
            "ensemble", "server"),
    EPHEMERALS("zookeeper_ephemerals", Type.GAUGE, "Ephemeral znodes (mntr zk_ephemerals_count), cached by poll.",
            "ensemble", "server"),
    DATA_SIZE("zookeeper_approximate_data_size_bytes", Type.GAUGE,
            "Approximate size of the data tree (mntr zk_approximate_data_size), cached by poll.",
            "ensemble", "server"),
    OUTSTANDING("zookeeper_outstanding_requests", Type.GAUGE,
            "Requests queued in the server (mntr zk_outstanding_requests), cached by poll.",
            "ensemble", "server"),
    LATENCY("zookeeper_request_latency_seconds", Type.GAUGE,
            "Request latency since the server's stats were last reset (mntr zk_min/avg/max_latency), cached by poll.",
            "ensemble", "server", "stat"),
    OPEN_FDS("zookeeper_open_file_descriptors", Type.GAUGE,
            "Open file descriptors of the server process (mntr zk_open_file_descriptor_count), cached by poll.",
            "ensemble", "server"),
    MAX_FDS("zookeeper_max_file_descriptors", Type.GAUGE,
            "File descriptor limit of the server process (mntr zk_max_file_descriptor_count), cached by poll.",
            "ensemble", "server"),
    GLOBAL_SESSIONS("zookeeper_global_sessions", Type.GAUGE,
            "Global sessions the member knows (mntr zk_global_sessions), cached by poll.",
            "ensemble", "server"),
    // ---- zkwatch's own health, from the same snapshots ----
    UP("zkwatch_up", Type.GAUGE,
            "1 if the member answered its last poll and is serving requests (a whitelist refusal still counts as "
                    + "an answer), else 0.",
            "ensemble", "server"),
    COLLECTOR_SUCCESS("zkwatch_collector_success", Type.GAUGE,
            "1 if the last run of a collector against a member succeeded, else 0 (see zkwatch_collector_failure).",
            "ensemble", "server", "collector"),
    COLLECTOR_FAILURE("zkwatch_collector_failure", Type.GAUGE,
            "1 for the reason the last run of a collector failed (not_whitelisted, timeout, truncated, skipped, ...); "
                    + "absent while it succeeds.",
            "ensemble", "server", "collector", "reason"),
    READING_AGE("zkwatch_reading_age_seconds", Type.GAUGE,
            "Age of the reading behind a collector's metrics: dumps run less often than cheap polls.",
            "ensemble", "server", "collector"),
    SNAPSHOT_AGE("zkwatch_snapshot_age_seconds", Type.GAUGE,
            "Seconds since the ensemble's snapshot last changed.",
            "ensemble"),
    CAPPED("zkwatch_capped_items", Type.GAUGE,
            "Items folded into the \"other\" series by the top-N cap, per kind (session, path, prefix, client).",
            "ensemble", "server", "kind"),
    // ---- findings, from the detectors' last evaluation (FindingsExporter) ----
    FINDING(Source.FINDINGS, "zkwatch_finding", Type.GAUGE,
            "1 for each active finding (absent when not active). finding: skew, orphaned_watches, watch_growth, "
                    + "memory_growth, session_watch_growth, path_watch_pattern, config_watch_leak, connection_leak, "
                    + "member_unreachable, member_not_configured, command_refused. server: the member, or \"\" when "
                    + "ensemble-wide. subject: the client host, session (0x hex), metric or command it names, or \"\". "
                    + "Details in GET /api/v1/findings.",
            "ensemble", "finding", "server", "subject"),
    SKEW_RATIO(Source.FINDINGS, "zkwatch_skew_ratio", Type.GAUGE,
            "A member's share of the ensemble's session connections (cons) or watches (mntr zk_watch_count), divided "
                    + "by its fair share (1 / members answering): 1 is even; skew fires above skew_ratio.",
            "ensemble", "server", "type"),
    ORPHANED_SESSIONS(Source.FINDINGS, "zkwatch_orphaned_sessions", Type.GAUGE,
            "Sessions a member lists in wchc without a connection (and not live on the leader, where its dump is "
                    + "read) over consecutive dumps longer than the orphan grace. Absent while wchc cannot be compared.",
            "ensemble", "server"),
    ORPHANED_WATCHES(Source.FINDINGS, "zkwatch_orphaned_watches", Type.GAUGE,
            "Watches held for the sessions counted by zkwatch_orphaned_sessions.",
            "ensemble", "server"),
    ORPHAN_GRACE_SECONDS(Source.FINDINGS, "zkwatch_orphan_grace_seconds", Type.GAUGE,
            "How long a closed session's watches may linger on a member before they count as orphaned: "
                    + "maxSessionTimeout, plus the lazy clean-up of WatchManagerOptimized where it applies, plus a margin.",
            "ensemble", "server"),
    GROWTH_RATE(Source.FINDINGS, "zkwatch_growth_rate_per_second", Type.GAUGE,
            "Least-squares slope, per second, of a member's watches, approximate_data_size (bytes), znodes or heap "
                    + "(used bytes, envi) over the history window since its last restart.",
            "ensemble", "server", "metric"),
    CLIENT_CONNECTION_GROWTH_RATE(Source.FINDINGS, "zkwatch_client_connection_growth_rate_per_second", Type.GAUGE,
            "Least-squares slope, per second, of a client host's session connections to the whole ensemble (cons) "
                    + "over the history window.",
            "ensemble", "client"),
    CLIENT_SESSIONS(Source.FINDINGS, "zkwatch_client_sessions", Type.GAUGE,
            "Session connections of a client host to the whole ensemble (cons of every member). Top 50 hosts and any "
                    + "host with a connection_leak finding; the rest are summed into client=\"other\".",
            "ensemble", "client");

    /** Which collector renders a family. */
    public enum Source {
        /** {@link SnapshotExporter}, from the snapshots. */
        SNAPSHOT,
        /** {@link FindingsExporter}, from the detectors' last evaluation. */
        FINDINGS
    }

    private final Source source;
    private final String metricName;
    private final Type type;
    private final String help;
    private final java.util.List<String> labels;

    MetricFamily(String metricName, Type type, String help, String... labels) {
        this(Source.SNAPSHOT, metricName, type, help, labels);
    }

    MetricFamily(Source source, String metricName, Type type, String help, String... labels) {
        this.source = source;
        this.metricName = metricName;
        this.type = type;
        this.help = help;
        this.labels = java.util.List.of(labels);
    }

    /** The families one collector renders, in declaration order. */
    public static java.util.List<MetricFamily> of(Source source) {
        return java.util.Arrays.stream(values()).filter(f -> f.source == source).toList();
    }

    public Source source() {
        return source;
    }

    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
    }

    public java.util.List<String> labels() {
        return labels;
    }
}
