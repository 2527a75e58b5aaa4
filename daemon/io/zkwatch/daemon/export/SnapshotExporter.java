package io.zkwatch.daemon.export;

import io.prometheus.client.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.EnsembleView;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;

/**
 * Renders the current snapshots as Prometheus metric families on every scrape. Nothing is cached between
 * scrapes, so a session, path or member that vanished from the snapshot vanishes from {@code /metrics}.
 *
 * <p>Cardinality is bounded by design: per member, only the top N sessions, paths, prefixes and client hosts are
 * exported, plus one {@code other} series holding the rest; true distinct counts are separate gauges. N is
 * lowered automatically when the configured value would take the whole output past {@link #SERIES_BUDGET}.
 */
public final class SnapshotExporter extends Collector {

    /** The most series zkwatch's ZooKeeper families may produce in one scrape. */
    public static final int SERIES_BUDGET = 20_000;
    /** Series per member outside the top-N families (gauges, statuses, info): a generous upper bound. */
    static final int FIXED_SERIES_PER_MEMBER = 80;
    /** Families whose size is top N + 1 per member. */
    static final int CAPPED_FAMILIES = 5;
    public static final String OTHER = "other";

    private final SnapshotStore store;
    private final ToIntFunction<String> topNByEnsemble;
    private final java.util.function.Function<String, LabelPolicy> labelsByEnsemble;
    private final Clock clock;

    public SnapshotExporter(SnapshotStore store, ToIntFunction<String> topNByEnsemble,
                            java.util.function.Function<String, LabelPolicy> labelsByEnsemble, Clock clock) {
        this.store = store;
        this.topNByEnsemble = topNByEnsemble;
        this.labelsByEnsemble = labelsByEnsemble;
        this.clock = clock;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        Map<MetricFamily, List<MetricFamilySamples.Sample>> out = new EnumMap<>(MetricFamily.class);
        for (MetricFamily f : MetricFamily.of(MetricFamily.Source.SNAPSHOT)) {
            out.put(f, new ArrayList<>());
        }
        List<EnsembleSnapshot> snapshots = store.all();
        int members = snapshots.stream().mapToInt(s -> s.members().size()).sum();
        Instant now = clock.instant();
        for (EnsembleSnapshot snap : snapshots) {
            int topN = effectiveTopN(topNByEnsemble.applyAsInt(snap.ensemble()), members);
            new EnsembleRenderer(snap, topN, now, out).render();
        }
        List<MetricFamilySamples> families = new ArrayList<>();
        for (MetricFamily f : MetricFamily.of(MetricFamily.Source.SNAPSHOT)) {
            families.add(new MetricFamilySamples(f.metricName(), f.type(), f.help(), out.get(f)));
        }
        return families;
    }

    /** The configured N, lowered if needed so that every member's capped families fit the series budget. */
    static int effectiveTopN(int configured, int members) {
        if (members == 0) {
            return configured;
        }
        int perMember = SERIES_BUDGET / members - FIXED_SERIES_PER_MEMBER;
        int allowed = perMember / CAPPED_FAMILIES - 1;
        return Math.max(1, Math.min(configured, allowed));
    }

    /** Renders one ensemble. */
    private final class EnsembleRenderer {
        private final EnsembleSnapshot snap;
        private final int topN;
        private final Instant now;
        private final Map<MetricFamily, List<MetricFamilySamples.Sample>> out;
        private final String ensemble;
        private final LabelPolicy labels;

        EnsembleRenderer(EnsembleSnapshot snap, int topN, Instant now,
                         Map<MetricFamily, List<MetricFamilySamples.Sample>> out) {
            this.snap = snap;
            this.topN = topN;
            this.now = now;
            this.out = out;
            this.ensemble = snap.ensemble();
            this.labels = labelsByEnsemble.apply(ensemble);
        }

        void render() {
            add(MetricFamily.SNAPSHOT_AGE, seconds(Duration.between(snap.updatedAt(), now)));
            membership();
            EnsembleView view = EnsembleView.of(snap);
            for (MemberSnapshot m : snap.members()) {
                member(m, view.server(m.server()).orElseThrow());
            }
        }

        private void membership() {
            // The leader's view first; if its conf could not be read, any member's that could.
            Optional<ServerConfig.Membership> membership = snap.leader().flatMap(SnapshotExporter::membershipOf)
                    .or(() -> snap.members().stream().map(SnapshotExporter::membershipOf)
                            .flatMap(Optional::stream).findFirst());
            membership.ifPresent(ms -> {
                for (QuorumMember qm : ms.members()) {
                    String quorum = qm.quorumAddresses().isEmpty() ? "" : qm.quorumAddresses().get(0).toString();
                    String client = qm.clientAddress().map(Object::toString).orElse("");
                    add(MetricFamily.MEMBERSHIP_INFO, 1, Long.toString(qm.id()), quorum, client,
                            qm.role().name().toLowerCase(java.util.Locale.ROOT));
                }
            });
        }

        private void member(MemberSnapshot m, EnsembleView.ServerView v) {
            String s = m.server();
            add(MetricFamily.UP, m.up() ? 1 : 0, s);
            add(MetricFamily.MEMBER_INFO, 1, s, m.origin().label());
            status(m);
            if (!m.up()) {
                return;
            }
            add(MetricFamily.LEADER, m.leader() ? 1 : 0, s);
            m.stats().map(Timed::value).ifPresent(st -> add(MetricFamily.SERVER_INFO, 1, s, st.version(),
                    st.mode().text()));
            if (m.stats().isEmpty()) {
                m.monitor().map(Timed::value).ifPresent(mn -> add(MetricFamily.SERVER_INFO, 1, s, mn.version(),
                        mn.mode().text()));
            }
            m.monitor().map(Timed::value).ifPresent(mn -> monitor(s, mn));
            v.dataWatches().ifPresent(d -> {
                add(MetricFamily.WATCHES, d, s, "data");
                v.allWatches().ifPresent(all -> add(MetricFamily.WATCHES, Math.max(0, all - d), s, "child"));
            });
            m.watchSummary().map(Timed::value).ifPresent(w -> add(MetricFamily.WATCHED_PATHS, w.paths(), s));
            v.sessionConnections().ifPresent(c -> {
                add(MetricFamily.SESSION_CONNECTIONS, c, s);
                add(MetricFamily.CONNECTION_SHARE, v.connectionShare(), s);
                add(MetricFamily.CLIENT_HOSTS, v.clients().size(), s);
                clients(s, v, m.watchesBySession().isPresent());
            });
            v.allWatches().ifPresent(w -> add(MetricFamily.WATCH_SHARE, v.watchShare(), s));
            m.watchesBySession().ifPresent(t -> sessions(s, v, t.value()));
            v.byPath().ifPresent(d -> paths(s, d));
            m.watchesByPath().ifPresent(t -> add(MetricFamily.WATCHED_PREFIXES, t.value().watchesByPrefix().size(), s));
        }

        private void monitor(String s, MonitorStats mn) {
            gauge(MetricFamily.ALIVE_CONNECTIONS, mn.integer("num_alive_connections"), 1, s);
            gauge(MetricFamily.ZNODES, mn.integer("znode_count"), 1, s);
            gauge(MetricFamily.EPHEMERALS, mn.integer("ephemerals_count"), 1, s);
            gauge(MetricFamily.DATA_SIZE, mn.integer("approximate_data_size"), 1, s);
            gauge(MetricFamily.OUTSTANDING, mn.integer("outstanding_requests"), 1, s);
            gauge(MetricFamily.OPEN_FDS, mn.integer("open_file_descriptor_count"), 1, s);
            gauge(MetricFamily.MAX_FDS, mn.integer("max_file_descriptor_count"), 1, s);
            gauge(MetricFamily.GLOBAL_SESSIONS, mn.integer("global_sessions"), 1, s);
            for (String stat : new String[] {"min", "avg", "max"}) {
                var v = mn.number(stat + "_latency");
                if (v.isPresent()) {
                    add(MetricFamily.LATENCY, v.getAsDouble() / 1000.0, s, stat);
                }
            }
        }

        private void status(MemberSnapshot m) {
            for (CommandStatus st : m.commands().values()) {
                String collector = st.command().label();
                add(MetricFamily.COLLECTOR_SUCCESS, st.ok() ? 1 : 0, m.server(), collector);
                st.failure().ifPresent(k -> add(MetricFamily.COLLECTOR_FAILURE, 1, m.server(), collector, k.label()));
            }
            age(m, Command.WCHC, m.watchesBySession().map(Timed::at));
            age(m, Command.WCHP, m.watchesByPath().map(Timed::at));
            age(m, Command.DUMP, m.sessions().map(Timed::at));
            age(m, Command.MNTR, m.monitor().map(Timed::at));
        }

        private void age(MemberSnapshot m, Command c, Optional<Instant> at) {
            at.ifPresent(a -> add(MetricFamily.READING_AGE, seconds(Duration.between(a, now)), m.server(),
                    c.label()));
        }

        private void sessions(String s, EnsembleView.ServerView v, WatchDump dump) {
            add(MetricFamily.WATCHING_SESSIONS, dump.distinctSessions(), s);
            List<EnsembleView.SessionRow> rows = v.sessions();
            long other = 0;
            for (int i = 0; i < rows.size(); i++) {
                EnsembleView.SessionRow r = rows.get(i);
                if (i < topN) {
                    add(MetricFamily.SESSION_WATCHES, r.watches(), s, r.sessionHex(), labels.clientLabel(r.client()));
                } else {
                    other += r.watches();
                }
            }
            if (rows.size() > topN) {
                add(MetricFamily.SESSION_WATCHES, other, s, OTHER, OTHER);
            }
            add(MetricFamily.CAPPED, Math.max(0, rows.size() - topN), s, "session");
        }

        private void clients(String s, EnsembleView.ServerView v, boolean watchesKnown) {
            if (!labels.showsClients()) {
                return; // client hosts are dropped for this ensemble; zookeeper_client_hosts still counts them
            }
            List<EnsembleView.ClientRow> rows = labels.clientRows(v.clients());
            long otherConns = 0;
            long otherWatches = 0;
            for (int i = 0; i < rows.size(); i++) {
                EnsembleView.ClientRow r = rows.get(i);
                if (i < topN) {
                    add(MetricFamily.CLIENT_CONNECTIONS, r.connections(), s, r.host());
                    if (watchesKnown) {
                        add(MetricFamily.CLIENT_WATCHES, r.watches(), s, r.host());
                    }
                } else {
                    otherConns += r.connections();
                    otherWatches += r.watches();
                }
            }
            if (rows.size() > topN) {
                add(MetricFamily.CLIENT_CONNECTIONS, otherConns, s, OTHER);
                if (watchesKnown) {
                    add(MetricFamily.CLIENT_WATCHES, otherWatches, s, OTHER);
                }
            }
            add(MetricFamily.CAPPED, Math.max(0, rows.size() - topN), s, "client");
        }

        /**
         * Paths and prefixes as the label policy shows them. Where it shortens paths, several top paths can share
         * one prefix: their watchers are summed into it, and what the top list does not hold stays in "other",
         * so the series still add up to the dump's total.
         */
        private void paths(String s, WatchDump d) {
            if (!labels.showsPaths()) {
                return; // paths are dropped for this ensemble
            }
            long shown = 0;
            List<WatchDump.PathWatchers> top = labels.topPaths(d.topPaths().subList(0,
                    Math.min(topN, d.topPaths().size())));
            for (WatchDump.PathWatchers p : top) {
                add(MetricFamily.PATH_WATCHERS, p.watchers(), s, p.path());
                shown += p.watchers();
            }
            long shownPaths = Math.min(d.topPaths().size(), topN);
            if (d.distinctPaths() > shownPaths) {
                add(MetricFamily.PATH_WATCHERS, d.totalWatches() - shown, s, OTHER);
            }
            add(MetricFamily.CAPPED, Math.max(0, d.distinctPaths() - shownPaths), s, "path");
            List<Map.Entry<String, Long>> prefixes = labels.prefixes(d.watchesByPrefix());
            long otherPrefix = 0;
            for (int i = 0; i < prefixes.size(); i++) {
                if (i < topN) {
                    add(MetricFamily.PREFIX_WATCHES, prefixes.get(i).getValue(), s, prefixes.get(i).getKey());
                } else {
                    otherPrefix += prefixes.get(i).getValue();
                }
            }
            if (prefixes.size() > topN) {
                add(MetricFamily.PREFIX_WATCHES, otherPrefix, s, OTHER);
            }
            add(MetricFamily.CAPPED, Math.max(0, prefixes.size() - topN), s, "prefix");
        }

        private void gauge(MetricFamily f, OptionalLong v, double scale, String... labelValues) {
            if (v.isPresent()) {
                add(f, v.getAsLong() * scale, labelValues);
            }
        }

        private void add(MetricFamily f, double value, String... labelValues) {
            List<String> names = f.labels();
            List<String> values = new ArrayList<>(names.size());
            values.add(ensemble);
            values.addAll(List.of(labelValues));
            if (values.size() != names.size()) {
                throw new IllegalStateException(f + " expects labels " + names + ", got " + values);
            }
            out.get(f).add(new MetricFamilySamples.Sample(f.metricName(), names, values, value));
        }
    }

    private static Optional<ServerConfig.Membership> membershipOf(MemberSnapshot m) {
        return m.config().map(Timed::value).flatMap(ServerConfig::membership);
    }

    private static double seconds(Duration d) {
        return Math.max(0, d.toMillis() / 1000.0);
    }
}
