package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.Outcome;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.Timed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Hand-built snapshots for the detector tests: members with exactly the readings a test states, each stamped
 * with the time it was read.
 */
final class Hand {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Hand() {
    }

    /** {@code T0} plus {@code seconds}. */
    static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static MemberBuilder member(String server) {
        return new MemberBuilder(server);
    }

    static EnsembleSnapshot ensemble(Instant at, MemberBuilder... members) {
        return new EnsembleSnapshot("e", at, java.util.Arrays.stream(members).map(MemberBuilder::build).toList());
    }

    /** A session connection from {@code host}. */
    record Conn(long sessionId, String host) {
    }

    static Conn conn(long sessionId, String host) {
        return new Conn(sessionId, host);
    }

    /** {@code count} sessions from {@code host}, ids {@code firstId ...}. */
    static List<Conn> conns(long firstId, int count, String host) {
        List<Conn> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Conn(firstId + i, host));
        }
        return out;
    }

    static final class MemberBuilder {
        private final String server;
        private MemberSnapshot.Builder b;
        private String state = "standalone";
        private boolean up = true;
        private Instant polledAt = T0;
        private OptionalLong watches = OptionalLong.empty();
        private OptionalLong dataSize = OptionalLong.empty();
        private OptionalLong znodes = OptionalLong.empty();
        private Instant monitorAt;

        MemberBuilder(String server) {
            this.server = server;
            this.b = MemberSnapshot.unpolled(server, MemberOrigin.CONFIGURED).with();
        }

        MemberBuilder role(String serverState) {
            state = serverState;
            return this;
        }

        MemberBuilder down(Instant at, FailureKind why) {
            up = false;
            polledAt = at;
            b.status(new CommandStatus(Command.MNTR, at, Duration.ZERO, 0, Optional.of(why), "refused connection"));
            return this;
        }

        MemberBuilder origin(MemberOrigin o) {
            b.origin(o);
            return this;
        }

        MemberBuilder monitor(Instant at, long watchCount) {
            monitorAt = at;
            watches = OptionalLong.of(watchCount);
            polledAt = at;
            return this;
        }

        MemberBuilder dataSize(long bytes) {
            dataSize = OptionalLong.of(bytes);
            return this;
        }

        MemberBuilder znodes(long n) {
            znodes = OptionalLong.of(n);
            return this;
        }

        MemberBuilder heap(Instant at, long usedMb) {
            b.environment(Optional.of(new Timed<>(new Environment(Map.of("os.memory.total", (usedMb + 100) + "MB",
                    "os.memory.free", "100MB")), at)));
            return this;
        }

        MemberBuilder cons(Instant at, List<Conn> connections) {
            List<Connection> list = new ArrayList<>();
            int port = 40000;
            for (Conn c : connections) {
                list.add(new Connection(Optional.of(new Connection.ClientAddress(Optional.empty(), Optional.of(c.host()),
                        port++)), Connection.Listener.QUERIED_PORT, 1, 0, 1, 1, OptionalLong.of(c.sessionId()),
                        Optional.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty(), OptionalLong.empty()));
            }
            b.connections(Optional.of(new Timed<>(new Connections(list), at)));
            b.status(new CommandStatus(Command.CONS, at, Duration.ZERO, 1, Optional.empty(), ""));
            polledAt = at.isAfter(polledAt) ? at : polledAt;
            return this;
        }

        MemberBuilder cons(Instant at, Conn... connections) {
            return cons(at, List.of(connections));
        }

        /** A wchc dump: session id to its watched paths. */
        MemberBuilder wchc(Instant at, Map<Long, List<String>> watches) {
            b.watchesBySession(Optional.of(new Timed<>(dump(WatchDump.Order.BY_SESSION, watches, Map.of()), at)));
            b.status(new CommandStatus(Command.WCHC, at, Duration.ZERO, 1, Optional.empty(), ""));
            return this;
        }

        /** A wchc dump of sessions with {@code count} watches each, on paths /w/0 ... */
        MemberBuilder wchcCounts(Instant at, Map<Long, Integer> counts) {
            Map<Long, List<String>> w = new LinkedHashMap<>();
            counts.forEach((id, n) -> {
                List<String> paths = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    paths.add("/w/" + i);
                }
                w.put(id, paths);
            });
            return wchc(at, w);
        }

        /** A wchp dump of which only the per-path session lists matter to the detectors. */
        MemberBuilder wchp(Instant at, Map<String, List<Long>> sessionsByPath) {
            Map<Long, List<String>> bySession = new HashMap<>();
            sessionsByPath.forEach((p, ids) -> ids.forEach(id -> bySession.computeIfAbsent(id, x -> new ArrayList<>())
                    .add(p)));
            Map<String, WatchDump.PathSessions> ps = new LinkedHashMap<>();
            sessionsByPath.forEach((p, ids) -> ps.put(p, new WatchDump.PathSessions(ids.size(),
                    ids.stream().sorted().toList())));
            b.watchesByPath(Optional.of(new Timed<>(dump(WatchDump.Order.BY_PATH, bySession, ps), at)));
            b.status(new CommandStatus(Command.WCHP, at, Duration.ZERO, 1, Optional.empty(), ""));
            return this;
        }

        /** The leader's authoritative dump listing {@code live} sessions. */
        MemberBuilder leaderDump(Instant at, Long... live) {
            Map<Long, SessionDump.TrackedSession> s = new HashMap<>();
            for (long id : live) {
                s.put(id, new SessionDump.TrackedSession(id, OptionalInt.empty(), false));
            }
            b.sessions(Optional.of(new Timed<>(new SessionDump(SessionDump.Tracker.LEADER_OR_STANDALONE, s, Map.of()),
                    at)));
            b.status(new CommandStatus(Command.DUMP, at, Duration.ZERO, 1, Optional.empty(), ""));
            return this;
        }

        MemberBuilder systemProperties(Instant at, Map<String, String> props) {
            b.systemProperties(Optional.of(new Timed<>(new Environment(props), at)));
            b.status(new CommandStatus(Command.SYSTEM_PROPERTIES, at, Duration.ZERO, 1, Optional.empty(), ""));
            return this;
        }

        /** The default watch manager, read from system_properties, and maxSessionTimeout from conf. */
        MemberBuilder plainWatchManager(Instant at, int maxSessionTimeoutMs) {
            systemProperties(at, Map.of("java.version", "17"));
            return conf(at, maxSessionTimeoutMs);
        }

        MemberBuilder conf(Instant at, int maxSessionTimeoutMs) {
            b.config(Optional.of(new Timed<>(new ServerConfig(Map.of("maxSessionTimeout",
                    Integer.toString(maxSessionTimeoutMs)), Optional.empty()), at)));
            return this;
        }

        MemberBuilder failed(Command c, Instant at, FailureKind kind, String message) {
            b.status(CommandStatus.of(c, at, Outcome.failure(kind, message, Duration.ZERO)));
            return this;
        }

        MemberSnapshot build() {
            Instant at = monitorAt != null ? monitorAt : polledAt;
            Map<String, String> mntr = new LinkedHashMap<>();
            mntr.put("version", "3.9.5");
            mntr.put("server_state", state);
            watches.ifPresent(v -> mntr.put("watch_count", Long.toString(v)));
            dataSize.ifPresent(v -> mntr.put("approximate_data_size", Long.toString(v)));
            znodes.ifPresent(v -> mntr.put("znode_count", Long.toString(v)));
            MemberSnapshot.Builder out = b;
            if (up) {
                out = out.monitor(Optional.of(new Timed<>(new MonitorStats(mntr), at)));
            } else {
                out = out.clearReadings();
            }
            return out.up(up, polledAt).build();
        }
    }

    static WatchDump dump(WatchDump.Order order, Map<Long, List<String>> bySession,
                          Map<String, WatchDump.PathSessions> pathSessions) {
        Map<Long, WatchDump.SessionWatches> sessions = new HashMap<>();
        long total = 0;
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Map.Entry<Long, List<String>> e : bySession.entrySet()) {
            List<String> sorted = e.getValue().stream().sorted().toList();
            sessions.put(e.getKey(), new WatchDump.SessionWatches(e.getKey(), sorted.size(),
                    sorted.subList(0, Math.min(5, sorted.size()))));
            total += sorted.size();
            paths.addAll(sorted);
        }
        Map<String, Long> prefixes = total == 0 ? Map.of() : Map.of("/", total);
        return new WatchDump(order, WatchDumpOptions.defaults(), total, paths.size(), sessions, List.of(), prefixes,
                pathSessions);
    }
}
