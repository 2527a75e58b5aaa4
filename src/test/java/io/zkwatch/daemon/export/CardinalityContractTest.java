package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.Outcome;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchSummary;
import io.zkwatch.collectors.transport.Spools;
import io.zkwatch.daemon.FixtureEnsemble;
import io.zkwatch.daemon.config.EnsembleSettings;
import io.zkwatch.daemon.poll.CollectorSet;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * However large the servers, the output stays far below a Prometheus {@code sample_limit}: top N series per
 * member plus one {@code other}, true distinct counts beside them, N lowered as members are added.
 *
 * <p>The big member's readings come from the real collectors parsing generated 4lw replies (1,000,000 watches on
 * 1,000,000 distinct paths by 5,000 sessions from 3,000 client hosts), not from hand-built records, so the
 * counts the exporter sees are the ones a real dump of that size would give.
 */
class CardinalityContractTest {

    private static final int PATHS = 1_000_000;
    private static final int SESSIONS = 5_000;
    private static final int PATHS_PER_SESSION = PATHS / SESSIONS;
    private static final int HOSTS = 3_000;
    private static final int PREFIXES = 2_000;
    private static final long FIRST_SESSION = 0x100000000000000L;
    private static final int TOP_N = 1000;
    private static final Instant AT = FixtureEnsemble.CHEAP_AT;

    private static Readings big;

    /** The parsed readings of one member; immutable, so many members may share them. */
    private record Readings(MonitorStats mntr, WatchSummary wchs, Connections cons, WatchDump wchc, WatchDump wchp) {
    }

    private static String path(int p) {
        return "/tenant-" + (p % PREFIXES) + "/app/node-" + p;
    }

    private static String host(int session) {
        int h = session % HOSTS;
        return "10.0." + h / 250 + "." + h % 250;
    }

    @BeforeAll
    static void parseAMillionWatches() throws CollectorException {
        CollectorSet c = CollectorSet.standard(TOP_N, 2, false);
        IntFunction<String> bySession = s -> GeneratedReplies.sessionRecord(FIRST_SESSION + s,
                IntStream.range(s * PATHS_PER_SESSION, (s + 1) * PATHS_PER_SESSION)
                        .mapToObj(CardinalityContractTest::path).toList());
        IntFunction<String> byPath = p -> GeneratedReplies.pathRecord(path(p), FIRST_SESSION + p / PATHS_PER_SESSION);
        IntFunction<String> cons = s -> GeneratedReplies.connectionLine(host(s), 40000 + s % 20000, FIRST_SESSION + s);
        big = new Readings(
                c.mntr().parse(fixture(Command.MNTR, "4lw/3.9.6/mntr/follower.txt")),
                parseText(c.wchs(), Command.WCHS, SESSIONS + " connections watching " + PATHS
                        + " paths\nTotal watches:" + PATHS + "\n"),
                c.cons().parse(GeneratedReplies.reply(Command.CONS, SESSIONS, cons, "\n")),
                c.wchc().parse(GeneratedReplies.reply(Command.WCHC, SESSIONS, bySession, "\n")),
                c.wchp().parse(GeneratedReplies.reply(Command.WCHP, PATHS, byPath, "\n")));
        assertEquals(PATHS, big.wchc().totalWatches(), "the generated wchc holds a million watches");
        assertEquals(PATHS, big.wchp().distinctPaths(), "on a million distinct paths");
    }

    private static Reply fixture(Command command, String file) {
        return new Reply(command, ReplyFormat.FOUR_LETTER, Spools.of(FixtureEnsemble.fixtureBytes(file)),
                Duration.ZERO);
    }

    private static <T> T parseText(Collector<T> c, Command command, String text) throws CollectorException {
        return c.parse(new Reply(command, ReplyFormat.FOUR_LETTER, Spools.of(text.getBytes()), Duration.ZERO));
    }

    private static MemberSnapshot member(String server, Readings r) {
        MemberSnapshot.Builder b = MemberSnapshot.unpolled(server, MemberOrigin.CONFIGURED).with()
                .up(true, AT)
                .monitor(Optional.of(new Timed<>(r.mntr(), AT)))
                .watchSummary(Optional.of(new Timed<>(r.wchs(), AT)))
                .connections(Optional.of(new Timed<>(r.cons(), AT)))
                .watchesBySession(Optional.of(new Timed<>(r.wchc(), AT)))
                .watchesByPath(Optional.of(new Timed<>(r.wchp(), AT)));
        for (Command cmd : List.of(Command.MNTR, Command.WCHS, Command.CONS, Command.WCHC, Command.WCHP)) {
            b.status(CommandStatus.of(cmd, AT, Outcome.success(Boolean.TRUE, Duration.ofMillis(1), 1)));
        }
        return b.build();
    }

    private static SnapshotStore store(int ensembles, int membersEach, Readings r) {
        SnapshotStore store = new SnapshotStore();
        for (int e = 0; e < ensembles; e++) {
            List<MemberSnapshot> members = new ArrayList<>();
            for (int m = 0; m < membersEach; m++) {
                members.add(member("10.1." + e + "." + m + ":2181", r));
            }
            FixtureEnsemble.put(store, new EnsembleSnapshot("e" + e, AT, members));
        }
        return store;
    }

    private static SnapshotExporter exporter(SnapshotStore store) {
        return new SnapshotExporter(store, name -> TOP_N, e -> LabelPolicy.raw(), FixtureEnsemble.clock());
    }

    /** The exposition as a scrape returns it, through the real registry. */
    private static String scrape(SnapshotExporter exporter) throws IOException {
        try (MetricsRegistry registry = MetricsRegistry.withoutJvmMetrics(
                io.micrometer.core.instrument.Clock.SYSTEM)) {
            registry.register(exporter);
            StringWriter out = new StringWriter();
            registry.write(out, Set.of());
            return out.toString();
        }
    }

    private static List<String> series(String exposition) {
        return exposition.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<MetricFamilySamples.Sample> samples(SnapshotExporter exporter, MetricFamily family,
                                                            String server) {
        return SnapshotExporterTest.samples(exporter, family).stream()
                .filter(s -> s.labelValues.get(1).equals(server)).toList();
    }

    private static double sum(List<MetricFamilySamples.Sample> samples) {
        return samples.stream().mapToDouble(s -> s.value).sum();
    }

    private static double single(SnapshotExporter exporter, MetricFamily family, String server, String... extra) {
        List<MetricFamilySamples.Sample> found = samples(exporter, family, server).stream()
                .filter(s -> s.labelValues.subList(2, s.labelValues.size()).equals(List.of(extra))).toList();
        assertEquals(1, found.size(), family + " " + List.of(extra) + " on " + server + ": " + found);
        return found.get(0).value;
    }

    @Test
    void aMillionWatchesOnAMillionPathsRenderFewerThanTwentyThousandSeries() throws IOException {
        SnapshotExporter exporter = exporter(store(1, 1, big));
        List<String> lines = series(scrape(exporter));
        assertTrue(lines.size() < SnapshotExporter.SERIES_BUDGET, lines.size() + " series");
        String server = "10.1.0.0:2181";
        assertEquals(TOP_N + 1, samples(exporter, MetricFamily.SESSION_WATCHES, server).size(),
                "top N sessions and one other");
        assertEquals(TOP_N + 1, samples(exporter, MetricFamily.PATH_WATCHERS, server).size());
        assertEquals(TOP_N + 1, samples(exporter, MetricFamily.PREFIX_WATCHES, server).size());
        assertEquals(TOP_N + 1, samples(exporter, MetricFamily.CLIENT_CONNECTIONS, server).size());
        assertEquals(TOP_N + 1, samples(exporter, MetricFamily.CLIENT_WATCHES, server).size());
    }

    @Test
    void trueDistinctCountsAreExportedBesideTheCappedSeries() {
        SnapshotExporter exporter = exporter(store(1, 1, big));
        String s = "10.1.0.0:2181";
        assertEquals(SESSIONS, single(exporter, MetricFamily.WATCHING_SESSIONS, s));
        assertEquals(PATHS, single(exporter, MetricFamily.WATCHED_PATHS, s));
        assertEquals(PREFIXES, single(exporter, MetricFamily.WATCHED_PREFIXES, s));
        assertEquals(HOSTS, single(exporter, MetricFamily.CLIENT_HOSTS, s));
        assertEquals(SESSIONS - TOP_N, single(exporter, MetricFamily.CAPPED, s, "session"));
        assertEquals(PATHS - TOP_N, single(exporter, MetricFamily.CAPPED, s, "path"));
        assertEquals(PREFIXES - TOP_N, single(exporter, MetricFamily.CAPPED, s, "prefix"));
        assertEquals(HOSTS - TOP_N, single(exporter, MetricFamily.CAPPED, s, "client"));
        // Nothing is lost by the cap: the shown series and "other" add up to the true totals.
        assertEquals(PATHS, sum(samples(exporter, MetricFamily.SESSION_WATCHES, s)));
        assertEquals(PATHS, sum(samples(exporter, MetricFamily.PATH_WATCHERS, s)));
        assertEquals(PATHS, sum(samples(exporter, MetricFamily.PREFIX_WATCHES, s)));
        assertEquals(PATHS, sum(samples(exporter, MetricFamily.CLIENT_WATCHES, s)));
        assertEquals(SESSIONS, sum(samples(exporter, MetricFamily.CLIENT_CONNECTIONS, s)));
    }

    @ParameterizedTest(name = "{0} ensembles of 5 members")
    @ValueSource(ints = {10, 40})
    void manyEnsemblesOfManyMembersStillStayUnderTheBudget(int ensembles) throws IOException {
        int membersEach = 5;
        SnapshotExporter exporter = exporter(store(ensembles, membersEach, big));
        List<String> lines = series(scrape(exporter));
        assertTrue(lines.size() < SnapshotExporter.SERIES_BUDGET, lines.size() + " series for "
                + ensembles * membersEach + " members");
        int n = SnapshotExporter.effectiveTopN(TOP_N, ensembles * membersEach);
        assertTrue(n < TOP_N && n >= 1, "top N lowered to " + n);
        Map<String, Long> perServer = SnapshotExporterTest.samples(exporter, MetricFamily.SESSION_WATCHES).stream()
                .collect(Collectors.groupingBy(x -> x.labelValues.get(0) + "/" + x.labelValues.get(1),
                        Collectors.counting()));
        assertEquals(ensembles * membersEach, perServer.size());
        assertTrue(perServer.values().stream().allMatch(c -> c == n + 1), perServer.toString());
        assertEquals(PATHS, sum(samples(exporter, MetricFamily.PATH_WATCHERS, "10.1.7.3:2181")),
                "the other series still holds the rest at the lowered N");
    }

    /**
     * The lowered N keeps the worst case (every capped family full, every fixed series present) within the budget
     * for as many members as one series per item and one "other" allows: {@value SnapshotExporter#SERIES_BUDGET}
     * / (fixed + 2 per capped family), 222 members. Past that only fewer members per zkwatch help.
     */
    @Test
    void theBudgetHoldsInTheWorstCaseForEveryMemberCountItCanHold() {
        int most = SnapshotExporter.SERIES_BUDGET
                / (SnapshotExporter.FIXED_SERIES_PER_MEMBER + 2 * SnapshotExporter.CAPPED_FAMILIES);
        assertTrue(most >= 200, "at least 200 members fit: " + most);
        for (int members = 1; members <= most; members++) {
            int n = SnapshotExporter.effectiveTopN(EnsembleSettings.TOP_N_MAX, members);
            long worst = (long) members * (SnapshotExporter.FIXED_SERIES_PER_MEMBER
                    + (long) SnapshotExporter.CAPPED_FAMILIES * (n + 1));
            assertTrue(worst <= SnapshotExporter.SERIES_BUDGET, members + " members at N=" + n + ": " + worst);
        }
    }

    @Test
    void aMemberRendersFewerFixedSeriesThanTheBudgetAssumes() {
        SnapshotExporter exporter = exporter(store(1, 1, big));
        int capped = 0;
        int all = 0;
        for (MetricFamilySamples f : exporter.collect()) {
            all += f.samples.size();
            if (List.of(MetricFamily.SESSION_WATCHES, MetricFamily.PATH_WATCHERS, MetricFamily.PREFIX_WATCHES,
                    MetricFamily.CLIENT_CONNECTIONS, MetricFamily.CLIENT_WATCHES).stream()
                    .anyMatch(m -> m.metricName().equals(f.name))) {
                capped += f.samples.size();
            }
        }
        assertTrue(all - capped <= SnapshotExporter.FIXED_SERIES_PER_MEMBER, (all - capped) + " fixed series");
    }

    @Test
    void sessionsAndPathsThatVanishFromTheDumpVanishFromTheNextScrape() throws Exception {
        CollectorSet c = CollectorSet.standard(TOP_N, 2, false);
        SnapshotStore store = new SnapshotStore();
        SnapshotExporter exporter = exporter(store);
        Readings before = new Readings(big.mntr(), big.wchs(), big.cons(),
                parseText(c.wchc(), Command.WCHC, "0x100000000000001\n\t/a/gone\n\t/a/kept\n0x100000000000002\n"
                        + "\t/a/kept\n\n"),
                parseText(c.wchp(), Command.WCHP, "/a/gone\n\t0x100000000000001\n/a/kept\n\t0x100000000000001\n"
                        + "\t0x100000000000002\n\n"));
        FixtureEnsemble.put(store, new EnsembleSnapshot("e", AT, List.of(member("zk:2181", before))));
        String first = scrape(exporter);
        assertTrue(first.contains("session=\"0x100000000000001\""), first);
        assertTrue(first.contains("path=\"/a/gone\""), first);

        Readings after = new Readings(big.mntr(), big.wchs(), big.cons(),
                parseText(c.wchc(), Command.WCHC, "0x100000000000002\n\t/a/kept\n\n"),
                parseText(c.wchp(), Command.WCHP, "/a/kept\n\t0x100000000000002\n\n"));
        store.update("e", s -> s.withMember("zk:2181", m -> m.with()
                .watchesBySession(Optional.of(new Timed<>(after.wchc(), AT)))
                .watchesByPath(Optional.of(new Timed<>(after.wchp(), AT))).build(), MemberOrigin.CONFIGURED, AT));
        String second = scrape(exporter);
        assertFalse(second.contains("0x100000000000001"), second);
        assertFalse(second.contains("/a/gone"), second);
        assertTrue(second.contains("session=\"0x100000000000002\""), second);
        assertTrue(second.contains("path=\"/a/kept\""), second);

        store.update("e", s -> s.withoutMember("zk:2181", AT));
        assertFalse(scrape(exporter).contains("zk:2181"), "a member that left takes all its series with it");
    }
}
