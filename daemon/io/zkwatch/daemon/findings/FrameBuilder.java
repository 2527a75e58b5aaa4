package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.MemberFrame.ClientTally;
import io.zkwatch.daemon.findings.MemberFrame.MonitorReading;
import io.zkwatch.daemon.findings.MemberFrame.PathHosts;
import io.zkwatch.daemon.findings.MemberFrame.Sample;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.Timed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Digests snapshots into {@link Frame}s. The digest of a reading that did not change since the previous frame is
 * reused, so that frames holding the same dump share its digest and an hour of frames stays small. One builder per
 * ensemble; not thread-safe (the engine calls it from one thread).
 */
public final class FrameBuilder {

    /** Client hosts kept per member and frame. */
    public static final int MAX_HOSTS = 5000;
    /** Sessions whose watch counts are kept per dump. */
    public static final int MAX_TRACKED_SESSIONS = 10_000;
    /** Orphan candidates kept per observation. */
    public static final int MAX_ORPHAN_CANDIDATES = 10_000;
    /** Hosts kept per watched path. */
    public static final int MAX_HOSTS_PER_PATH = 20;
    private static final Pattern MEGABYTES = Pattern.compile("\\s*(\\d+)\\s*MB\\s*");

    private final Map<String, Memo> memos = new HashMap<>();

    /** The last inputs and digests of one member. */
    private static final class Memo {
        Object clientsKey;
        Optional<ClientTally> clients = Optional.empty();
        Object countsKey;
        Optional<SessionCounts> counts = Optional.empty();
        List<Object> orphansKey;
        Optional<OrphanObservation> orphans = Optional.empty();
        List<Object> pathsKey;
        Optional<PathHosts> paths = Optional.empty();
    }

    public Frame build(EnsembleSnapshot snapshot, Instant at, FindingThresholds thresholds) {
        Optional<MemberSnapshot> leader = snapshot.leader();
        Optional<Timed<SessionDump>> leaderDump = leader.filter(l -> l.status(Command.DUMP).map(CommandStatus::ok)
                        .orElse(false))
                .flatMap(MemberSnapshot::sessions).filter(t -> t.value().authoritative());
        List<MemberFrame> members = new ArrayList<>();
        for (MemberSnapshot m : snapshot.members()) {
            members.add(member(m, leaderDump, thresholds));
        }
        memos.keySet().retainAll(snapshot.members().stream().map(MemberSnapshot::server).toList());
        return new Frame(snapshot.ensemble(), at, members);
    }

    private MemberFrame member(MemberSnapshot m, Optional<Timed<SessionDump>> leaderDump, FindingThresholds t) {
        Memo memo = memos.computeIfAbsent(m.server(), s -> new Memo());
        Optional<Timed<Connections>> cons = m.connections();
        Optional<Timed<WatchDump>> wchc = m.watchesBySession();
        Optional<Timed<WatchDump>> wchp = m.watchesByPath().or(() -> wchc);
        if (!key(cons).equals(memo.clientsKey)) {
            memo.clientsKey = key(cons);
            memo.clients = cons.map(FrameBuilder::tally);
        }
        if (!key(wchc).equals(memo.countsKey)) {
            memo.countsKey = key(wchc);
            memo.counts = wchc.map(d -> SessionCounts.of(d.at(), d.value(), hosts(cons), MAX_TRACKED_SESSIONS));
        }
        List<Object> orphansKey = List.of(key(wchc), key(cons), key(leaderDump));
        if (!orphansKey.equals(memo.orphansKey)) {
            memo.orphansKey = orphansKey;
            memo.orphans = observe(wchc, cons, leaderDump);
        }
        List<Object> pathsKey = List.of(key(wchp), key(cons));
        if (!pathsKey.equals(memo.pathsKey)) {
            memo.pathsKey = pathsKey;
            memo.paths = wchp.flatMap(d -> pathHosts(d, cons));
        }
        return new MemberFrame(m.server(), m.origin(), m.lastPoll().isPresent(), m.up(), m.commands(),
                m.monitor().map(FrameBuilder::monitor), m.environment().flatMap(FrameBuilder::heapUsed),
                memo.clients, memo.counts, memo.orphans, memo.paths, OrphanGrace.of(m, t));
    }

    /** Identity of a reading: a new poll makes a new object. */
    private static Object key(Optional<?> reading) {
        return reading.isPresent() ? new Identity(reading.get()) : Identity.NONE;
    }

    /** Compares by reference, so that an equal but newer reading still counts as new. */
    private record Identity(Object ref) {
        static final Identity NONE = new Identity(null);

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }

    static MonitorReading monitor(Timed<MonitorStats> t) {
        MonitorStats s = t.value();
        return new MonitorReading(t.at(), s.integer("watch_count"), s.integer("approximate_data_size"),
                s.integer("znode_count"));
    }

    /** envi's {@code os.memory.total - os.memory.free}: the JVM's used heap, printed in whole megabytes. */
    static Optional<Sample> heapUsed(Timed<Environment> t) {
        OptionalLong total = megabytes(t.value().property("os.memory.total"));
        OptionalLong free = megabytes(t.value().property("os.memory.free"));
        if (total.isEmpty() || free.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sample(t.at(), (double) (total.getAsLong() - free.getAsLong()) * (1L << 20)));
    }

    private static OptionalLong megabytes(Optional<String> text) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = MEGABYTES.matcher(text.get());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    static String host(Connection c) {
        return c.address().map(Connection.ClientAddress::host).orElse("unknown");
    }

    static Map<Long, String> hosts(Optional<Timed<Connections>> cons) {
        Map<Long, String> out = new HashMap<>();
        cons.ifPresent(t -> t.value().withSession().forEach(c -> out.put(c.sessionId().getAsLong(), host(c))));
        return out;
    }

    static ClientTally tally(Timed<Connections> t) {
        Map<String, Long> byHost = new HashMap<>();
        List<Connection> sessions = t.value().withSession();
        sessions.forEach(c -> byHost.merge(host(c), 1L, Long::sum));
        Map<String, Long> kept = new LinkedHashMap<>();
        byHost.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_HOSTS).forEach(e -> kept.put(e.getKey(), e.getValue()));
        return new ClientTally(t.at(), sessions.size(), kept, byHost.size() > MAX_HOSTS);
    }

    /**
     * The orphan candidates of one wchc dump, judged against a cons taken after it: sessions with watches, no
     * connection, and, when the leader's session list is known, no live session either. Empty while the newest
     * cons is older than the dump (a session may have connected in between).
     */
    static Optional<OrphanObservation> observe(Optional<Timed<WatchDump>> wchc, Optional<Timed<Connections>> cons,
                                               Optional<Timed<SessionDump>> leaderDump) {
        if (wchc.isEmpty() || cons.isEmpty() || !cons.get().at().isAfter(wchc.get().at())) {
            return Optional.empty();
        }
        Set<Long> connected = new HashSet<>(cons.get().value().sessionIds());
        Set<Long> live = leaderDump.map(d -> d.value().sessions().keySet()).orElse(Set.of());
        TreeMap<Long, OrphanObservation.Candidate> kept = new TreeMap<>();
        long total = 0;
        for (WatchDump.SessionWatches s : wchc.get().value().sessions().values()) {
            if (s.watches() == 0 || connected.contains(s.sessionId()) || live.contains(s.sessionId())) {
                continue;
            }
            total++;
            kept.put(s.sessionId(), new OrphanObservation.Candidate(s.sessionId(), s.watches(), s.samplePaths()));
            if (kept.size() > MAX_ORPHAN_CANDIDATES) {
                kept.pollLastEntry();
            }
        }
        return Optional.of(new OrphanObservation(wchc.get().at(), cons.get().at(), leaderDump.isPresent(), kept,
                total));
    }

    /** Per watched path, the client hosts with at least two sessions on it (the join of wchp with cons). */
    static Optional<PathHosts> pathHosts(Timed<WatchDump> dump, Optional<Timed<Connections>> cons) {
        if (cons.isEmpty() || dump.value().pathSessions().isEmpty()) {
            return Optional.empty();
        }
        Map<Long, String> hostOf = hosts(cons);
        Map<String, Map<String, Long>> byPath = new TreeMap<>();
        Set<String> capped = new HashSet<>();
        dump.value().pathSessions().forEach((path, sessions) -> {
            Map<String, Long> perHost = new HashMap<>();
            for (long id : sessions.sessionIds()) {
                String h = hostOf.get(id);
                if (h != null) {
                    perHost.merge(h, 1L, Long::sum);
                }
            }
            Map<String, Long> kept = new LinkedHashMap<>();
            perHost.entrySet().stream().filter(e -> e.getValue() >= 2)
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_HOSTS_PER_PATH).forEach(e -> kept.put(e.getKey(), e.getValue()));
            if (!kept.isEmpty()) {
                byPath.put(path, kept);
            }
            if (sessions.capped()) {
                capped.add(path);
            }
        });
        return Optional.of(new PathHosts(dump.at(), byPath, capped));
    }
}
