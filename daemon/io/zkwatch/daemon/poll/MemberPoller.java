package io.zkwatch.daemon.poll;

import io.zkwatch.daemon.config.EnsembleSettings;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Outcome;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchSummary;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.WatchDumpCheck;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Polls one member and publishes what it said into the ensemble's snapshot. Cheap commands and dumps are
 * separate entry points, called by {@link EnsemblePoller} on their own cadences; neither is ever run twice at
 * once for a member.
 */
final class MemberPoller {

    /** Failures meaning the member cannot be reached at all: the remaining commands of the poll are not tried. */
    private static final Set<FailureKind> UNREACHABLE = EnumSet.of(FailureKind.CONNECTION_REFUSED,
            FailureKind.TIMEOUT, FailureKind.TLS_HANDSHAKE, FailureKind.IO, FailureKind.EMPTY_REPLY,
            FailureKind.HTTP_STATUS);
    private static final int ENVIRONMENT_EVERY_POLLS = 40;

    private final String ensemble;
    private final MemberTransports endpoint;
    private final CommandRunner runner;
    private final CollectorSet collectors;
    private final SnapshotStore.Slot slot;
    private final EnsembleSettings settings;
    private final StateLog log;
    private final Clock clock;
    private final RandomGenerator random;
    private final Object cheapLock = new Object();
    private final Object dumpLock = new Object();
    private volatile MemberOrigin origin;
    private int pollsSinceEnvironment = ENVIRONMENT_EVERY_POLLS;
    private Instant nextDumpAt;

    MemberPoller(String ensemble, MemberTransports endpoint, MemberOrigin origin, CommandRunner runner,
                 CollectorSet collectors, SnapshotStore.Slot slot, EnsembleSettings settings, StateLog log, Clock clock,
                 RandomGenerator random) {
        this.ensemble = ensemble;
        this.endpoint = endpoint;
        this.origin = origin;
        this.runner = runner;
        this.collectors = collectors;
        this.slot = slot;
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.random = random;
        // The first dump waits for a cheap poll (to know the watch count), then is spread over a tenth of the
        // interval so that a restart does not dump every member of every ensemble at once.
        this.nextDumpAt = clock.instant().plusMillis((long) (random.nextDouble()
                * Math.min(settings.dumpInterval().toMillis() / 10.0, 30_000)));
    }

    String server() {
        return endpoint.server();
    }

    MemberTransports endpoint() {
        return endpoint;
    }

    MemberOrigin origin() {
        return origin;
    }

    void origin(MemberOrigin newOrigin) {
        this.origin = newOrigin;
        slot.update(s -> s.withMember(server(), m -> m.with().origin(newOrigin).build(), newOrigin,
                s.updatedAt()));
    }

    /** Runs the cheap commands and publishes the result. Never runs twice at once for a member. */
    void pollCheap() {
        synchronized (cheapLock) {
            pollCheapLocked();
        }
    }

    private void pollCheapLocked() {
        Instant at = clock.instant();
        Outcome<io.zkwatch.collectors.MonitorStats> mntr = runner.run(collectors.mntr(), endpoint, false);
        Outcome<?> first = mntr;
        boolean unreachable = first instanceof Outcome.Failure<?> f && UNREACHABLE.contains(f.kind());
        Delta b = new Delta();
        if (unreachable) {
            // "member down: <reason>" says it all: a line per command would repeat it five times.
            Outcome.Failure<?> f = (Outcome.Failure<?>) first;
            record(b, Command.MNTR, at, mntr);
            for (Command c : new Command[] {Command.SRVR, Command.CONF, Command.WCHS, Command.CONS}) {
                record(b, c, at, Outcome.failure(f.kind(), "not tried: " + f.message(), Duration.ZERO));
            }
            b.add(x -> x.clearReadings().up(false, at));
            log.member(server(), false, f.kind().label() + ": " + f.message());
            publish(b, at);
            return;
        }
        status(b, Command.MNTR, at, mntr);
        var srvr = runner.run(collectors.srvr(), endpoint, false);
        var conf = runner.run(collectors.conf(), endpoint, false);
        var wchs = runner.run(collectors.wchs(), endpoint, false);
        var cons = runner.run(collectors.cons(), endpoint, false);
        status(b, Command.SRVR, at, srvr);
        status(b, Command.CONF, at, conf);
        status(b, Command.WCHS, at, wchs);
        status(b, Command.CONS, at, cons);
        b.add(x -> x.monitor(timed(mntr, at)).stats(timed(srvr, at)).config(timed(conf, at))
                .watchSummary(timed(wchs, at)).connections(timed(cons, at)));
        if (++pollsSinceEnvironment >= ENVIRONMENT_EVERY_POLLS || current().environment().isEmpty()) {
            var envi = runner.run(collectors.envi(), endpoint, false);
            status(b, Command.ENVI, at, envi);
            // The watch manager and its clean-up settings are JVM properties that envi does not list; only the
            // AdminServer has them, which "source: 4lw" rules out.
            var props = settings.source() == io.zkwatch.daemon.config.CommandSource.FOUR_LETTER_WORDS
                    ? Outcome.<io.zkwatch.collectors.Environment>failure(FailureKind.SKIPPED,
                            "system_properties needs the AdminServer, and this ensemble reads four-letter words only "
                                    + "(source: 4lw)", Duration.ZERO)
                    : runner.run(collectors.systemProperties(), endpoint, false);
            status(b, Command.SYSTEM_PROPERTIES, at, props);
            if (props.isSuccess()) {
                b.add(x -> x.systemProperties(timed(props, at)));
            }
            if (envi.isSuccess()) {
                b.add(x -> x.environment(timed(envi, at)));
                pollsSinceEnvironment = 0;
            }
        }
        boolean notServing = isKind(mntr, FailureKind.NOT_SERVING) || isKind(srvr, FailureKind.NOT_SERVING);
        boolean answered = mntr.isSuccess() || srvr.isSuccess() || isKind(mntr, FailureKind.NOT_WHITELISTED)
                || isKind(srvr, FailureKind.NOT_WHITELISTED);
        boolean up = answered && !notServing;
        b.add(x -> {
            if (!up) {
                x.clearReadings();
            }
            x.up(up, at);
        });
        // The reason leads with its label, as for every other way down, so that one grep finds each kind.
        log.member(server(), up, notServing
                ? reason(isKind(mntr, FailureKind.NOT_SERVING) ? mntr : srvr) : reason(mntr, srvr));
        publish(b, at);
    }

    /**
     * Runs the dumps if they are due. Called only from the ensemble's single dump loop, so that at most one dump
     * per ensemble is ever in flight and the server's watch-manager lock is never contended by zkwatch twice.
     *
     * @return whether anything was dumped
     */
    boolean pollDumpsIfDue() {
        synchronized (dumpLock) {
            return pollDumpsLocked();
        }
    }

    private boolean pollDumpsLocked() {
        Instant now = clock.instant();
        if (now.isBefore(nextDumpAt)) {
            return false;
        }
        MemberSnapshot m = current();
        if (!m.up() || m.lastPoll().isEmpty()) {
            nextDumpAt = now.plus(settings.pollInterval());
            return false;
        }
        long watches = m.watchSummary().map(t -> t.value().totalWatches())
                .or(() -> m.monitor().flatMap(t -> boxed(t.value().integer("watch_count"))))
                .orElse(-1L);
        nextDumpAt = now.plus(jittered(dumpIntervalFor(Math.max(0, watches))));
        Delta b = new Delta();
        String skip = skipReason(watches);
        if (skip != null) {
            for (Command c : new Command[] {Command.WCHC, Command.WCHP, Command.DUMP}) {
                var skipped = Outcome.failure(FailureKind.SKIPPED, skip, Duration.ZERO);
                status(b, c, now, skipped);
            }
            publish(b, now);
            return false;
        }
        Optional<WatchSummary> before = m.watchSummary().map(Timed::value);
        Outcome<WatchDump> wchc = checked(runner.run(collectors.wchc(), endpoint, true), before);
        status(b, Command.WCHC, now, wchc);
        Instant wchcAt = clock.instant();
        wchc.valueIfPresent().ifPresent(v -> b.add(x -> x.watchesBySession(Optional.of(new Timed<>(v, wchcAt)))));
        Outcome<WatchDump> wchp = checked(runner.run(collectors.wchp(), endpoint, true), before);
        status(b, Command.WCHP, now, wchp);
        Instant wchpAt = clock.instant();
        wchp.valueIfPresent().ifPresent(v -> b.add(x -> x.watchesByPath(Optional.of(new Timed<>(v, wchpAt)))));
        if (m.leader()) {
            var dump = runner.run(collectors.dump(), endpoint, true);
            status(b, Command.DUMP, now, dump);
            Instant dumpAt = clock.instant();
            dump.valueIfPresent().ifPresent(v -> b.add(x -> x.sessions(Optional.of(new Timed<>(v, dumpAt)))));
        } else {
            status(b, Command.DUMP, now, Outcome.failure(FailureKind.UNAVAILABLE,
                    "dump lists live sessions only on the leader; " + server() + " is "
                            + m.role().map(r -> r.text()).orElse("of unknown role"), Duration.ZERO));
            b.add(x -> x.sessions(Optional.empty()));
        }
        publish(b, clock.instant());
        return true;
    }

    /** Cross-checks a dump against {@code wchs} taken before and right after it: a short dump is truncated. */
    private Outcome<WatchDump> checked(Outcome<WatchDump> dump, Optional<WatchSummary> before) {
        if (!(dump instanceof Outcome.Success<WatchDump> s) || before.isEmpty()) {
            return dump;
        }
        Outcome<WatchSummary> after = runner.run(collectors.wchs(), endpoint, false);
        if (after.valueIfPresent().isEmpty()) {
            return dump;
        }
        try {
            WatchDumpCheck.against(before.get(), s.value(), after.valueIfPresent().get());
            return dump;
        } catch (CollectorException e) {
            return Outcome.failure(e, s.took());
        }
    }

    private String skipReason(long watches) {
        if (!settings.dumps()) {
            return "dumps are turned off for this ensemble (dumps: false)";
        }
        if (!settings.allowLargeDumps() && watches > settings.dumpMaxWatches()) {
            return "wchs reports " + watches + " watches, above dump_max_watches=" + settings.dumpMaxWatches()
                    + "; set allow_large_dumps: true to dump this member anyway";
        }
        return null;
    }

    /**
     * The dump interval for a member holding {@code watches} data watches. Larger servers are dumped less often,
     * because a dump costs them lock time and garbage: the base interval up to 250k watches, then growing with the
     * square root of the watch count, at most six times the base (1M watches: 2x; 9M: 6x).
     */
    Duration dumpIntervalFor(long watches) {
        double factor = Math.min(6.0, Math.max(1.0, Math.sqrt(watches / 250_000.0)));
        Duration scaled = Duration.ofMillis((long) (settings.dumpInterval().toMillis() * factor));
        return scaled.compareTo(settings.dumpMinInterval()) < 0 ? settings.dumpMinInterval() : scaled;
    }

    private Duration jittered(Duration d) {
        double j = settings.dumpJitter();
        double factor = 1.0 + (j == 0 ? 0 : (random.nextDouble() * 2 - 1) * j);
        Duration out = Duration.ofMillis((long) (d.toMillis() * factor));
        return out.compareTo(settings.dumpMinInterval()) < 0 ? settings.dumpMinInterval() : out;
    }

    /** Records a command's outcome and logs it if its state changed; "not serving" is the member's line to log. */
    private void status(Delta d, Command c, Instant at, Outcome<?> outcome) {
        record(d, c, at, outcome);
        if (!isKind(outcome, FailureKind.NOT_SERVING)) {
            log.command(server(), c, outcome);
        }
    }

    private static void record(Delta d, Command c, Instant at, Outcome<?> outcome) {
        CommandStatus st = CommandStatus.of(c, at, outcome);
        d.add(x -> x.status(st));
    }

    /**
     * Applies a poll's changes to the member as it is at publish time, so that a cheap poll and a dump finishing
     * at the same moment never overwrite each other's readings.
     */
    private void publish(Delta d, Instant at) {
        MemberOrigin o = origin;
        slot.update(s -> s.withMember(server(), m -> d.applyTo(m.with().origin(o)).build(), o, at));
    }

    /** The changes one poll makes to a member snapshot. */
    private static final class Delta {
        private final java.util.List<java.util.function.Consumer<MemberSnapshot.Builder>> ops =
                new java.util.ArrayList<>();

        Delta add(java.util.function.Consumer<MemberSnapshot.Builder> op) {
            ops.add(op);
            return this;
        }

        MemberSnapshot.Builder applyTo(MemberSnapshot.Builder b) {
            ops.forEach(op -> op.accept(b));
            return b;
        }
    }

    private MemberSnapshot current() {
        return slot.get().member(server())
                .orElse(MemberSnapshot.unpolled(server(), origin));
    }

    private static <T> Optional<Timed<T>> timed(Outcome<T> o, Instant at) {
        return o.valueIfPresent().map(v -> new Timed<>(v, at));
    }

    private static boolean isKind(Outcome<?> o, FailureKind k) {
        return o instanceof Outcome.Failure<?> f && f.kind() == k;
    }

    private static String reason(Outcome<?>... outcomes) {
        for (Outcome<?> o : outcomes) {
            if (o instanceof Outcome.Failure<?> f) {
                return f.kind().label() + ": " + f.message();
            }
        }
        return "";
    }

    private static Optional<Long> boxed(java.util.OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }
}
