package io.zkwatch.daemon;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Outcome;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.command.Fixtures;
import io.zkwatch.collectors.transport.Spools;
import io.zkwatch.daemon.poll.CollectorSet;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots built from the captured fixtures by the real collectors, as the poller would publish them, at fixed
 * instants: the input of the golden {@code /metrics} files and of the HTTP API tests.
 *
 * <p>The reference ensemble is the 3.9.6 capture (see {@code fixtures/3.9.6-LEGEND.md}): zk1 follower, zk2
 * follower, zk3 leader. Only what was captured is in it: zk2 has no srvr/conf/cons, zk3 no conf/wchc/wchp, and a
 * command that was not captured is absent from the member's statuses, as if not polled yet. The {@code odd}
 * ensemble is the 3.9.5 member with paths that need escaping and a client on 127.0.0.2.
 */
public final class FixtureEnsemble {

    /** The scrape instant of the golden files. */
    public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** When the cheap commands were read: one second before the scrape. */
    public static final Instant CHEAP_AT = NOW.minusSeconds(1);
    /** When the dumps were read: half a minute before the scrape. */
    public static final Instant DUMP_AT = NOW.minusSeconds(30);
    private static final Duration TOOK = Duration.ofMillis(5);

    private final CollectorSet collectors;

    private FixtureEnsemble(CollectorSet collectors) {
        this.collectors = collectors;
    }

    /** Collectors as the daemon builds them for an ensemble with this {@code top_n} and prefix depth 2. */
    public static FixtureEnsemble withTopN(int topN) {
        return new FixtureEnsemble(CollectorSet.standard(topN, 2, false));
    }

    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A store holding the reference ensemble ({@code reference}) and the odd-paths one ({@code odd}). */
    public SnapshotStore store() {
        SnapshotStore store = new SnapshotStore();
        put(store, reference());
        put(store, odd());
        return store;
    }

    public static void put(SnapshotStore store, EnsembleSnapshot snapshot) {
        store.register(snapshot.ensemble(), snapshot.updatedAt());
        store.update(snapshot.ensemble(), s -> snapshot);
    }

    public EnsembleSnapshot reference() {
        List<MemberSnapshot> members = new ArrayList<>();
        members.add(member("127.0.0.1:21811", "3.9.6", "follower", "follower", "follower", "follower",
                "follower", "follower", "follower", null));
        members.add(member("127.0.0.1:21812", "3.9.6", "zk2", null, null, "zk2", "zk2", "zk2", null, null));
        members.add(member("127.0.0.1:21813", "3.9.6", "leader", "leader", null, null, null, null, "leader",
                "leader"));
        // The leader's wchs was captured from its AdminServer only.
        MemberSnapshot leader = members.get(2);
        members.set(2, with(leader, Command.WCHS, CHEAP_AT, parse(collectors.wchs(), Command.WCHS,
                ReplyFormat.ADMIN_JSON, "admin/3.9.6/watch_summary/leader.json"),
                (b, v) -> b.watchSummary(Optional.of(new Timed<>(v, CHEAP_AT)))));
        return new EnsembleSnapshot("reference", CHEAP_AT, members);
    }

    public EnsembleSnapshot odd() {
        return new EnsembleSnapshot("odd", CHEAP_AT, List.of(member("127.0.0.1:34917", "3.9.5", "odd-paths",
                "odd-paths", "odd-paths", "odd-paths", "odd-paths", "odd-paths", "odd-paths", null)));
    }

    /**
     * One member from the 4lw fixtures of {@code version}; a null case means the command was not captured.
     * {@code dump} is read only on the leader, as the poller does; on a follower its status says why not.
     */
    private MemberSnapshot member(String server, String version, String mntr, String srvr, String conf, String wchs,
                                  String wchc, String wchp, String cons, String dump) {
        MemberSnapshot m = MemberSnapshot.unpolled(server, MemberOrigin.CONFIGURED).with().up(true, CHEAP_AT)
                .build();
        m = read(m, version, mntr, collectors.mntr(), CHEAP_AT,
                (b, v) -> b.monitor(Optional.of(new Timed<>(v, CHEAP_AT))));
        m = read(m, version, srvr, collectors.srvr(), CHEAP_AT,
                (b, v) -> b.stats(Optional.of(new Timed<>(v, CHEAP_AT))));
        m = read(m, version, conf, collectors.conf(), CHEAP_AT,
                (b, v) -> b.config(Optional.of(new Timed<>(v, CHEAP_AT))));
        m = read(m, version, wchs, collectors.wchs(), CHEAP_AT,
                (b, v) -> b.watchSummary(Optional.of(new Timed<>(v, CHEAP_AT))));
        m = read(m, version, cons, collectors.cons(), CHEAP_AT,
                (b, v) -> b.connections(Optional.of(new Timed<>(v, CHEAP_AT))));
        m = read(m, version, wchc, collectors.wchc(), DUMP_AT,
                (b, v) -> b.watchesBySession(Optional.of(new Timed<>(v, DUMP_AT))));
        m = read(m, version, wchp, collectors.wchp(), DUMP_AT,
                (b, v) -> b.watchesByPath(Optional.of(new Timed<>(v, DUMP_AT))));
        if (dump != null) {
            m = read(m, version, dump, collectors.dump(), DUMP_AT,
                    (b, v) -> b.sessions(Optional.of(new Timed<>(v, DUMP_AT))));
        } else if (m.role().isPresent()) {
            m = m.with().status(CommandStatus.of(Command.DUMP, DUMP_AT, Outcome.failure(FailureKind.UNAVAILABLE,
                    "dump lists live sessions only on the leader", Duration.ZERO))).build();
        }
        return m;
    }

    private interface Apply<T> {
        void to(MemberSnapshot.Builder b, T value);
    }

    private <T> MemberSnapshot read(MemberSnapshot m, String version, String caseName, Collector<T> collector,
                                    Instant at, Apply<T> apply) {
        if (caseName == null) {
            return m;
        }
        String word = collector.command().fourLetterWord().orElseThrow();
        Outcome<T> outcome = parse(collector, collector.command(), ReplyFormat.FOUR_LETTER,
                "4lw/" + version + "/" + word + "/" + caseName + ".txt");
        return with(m, collector.command(), at, outcome, apply);
    }

    private static <T> MemberSnapshot with(MemberSnapshot m, Command command, Instant at, Outcome<T> outcome,
                                           Apply<T> apply) {
        MemberSnapshot.Builder b = m.with().status(CommandStatus.of(command, at, outcome));
        outcome.valueIfPresent().ifPresent(v -> apply.to(b, v));
        return b.build();
    }

    /** Parses one fixture file with a real collector; a fixture that fails to parse fails the test. */
    private static <T> Outcome<T> parse(Collector<T> collector, Command command, ReplyFormat format, String file) {
        byte[] bytes = fixtureBytes(file);
        try (Reply reply = new Reply(command, format, Spools.of(bytes), TOOK)) {
            return Outcome.success(collector.parse(reply), TOOK, bytes.length);
        } catch (CollectorException e) {
            throw new AssertionError("fixture " + file + " does not parse: " + e.getMessage(), e);
        }
    }

    public static byte[] fixtureBytes(String relative) {
        try {
            return Files.readAllBytes(Fixtures.root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
