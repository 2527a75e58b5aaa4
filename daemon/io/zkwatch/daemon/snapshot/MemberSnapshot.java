package io.zkwatch.daemon.snapshot;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.ServerStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one member said at its last polls. Immutable; a poll produces a new instance with
 * {@link #with}. Values are the last successful reading of each command; {@link #commands()} says whether the
 * latest attempt succeeded, so a stale value is never mistaken for a fresh one.
 *
 * @param server {@code host:port} of the member's client port: the {@code server} label
 * @param up whether the last cheap poll reached the member and it was serving
 * @param systemProperties AdminServer {@code system_properties}: the watch manager and its clean-up settings,
 *     which size the grace of the orphaned-watch finding
 */
public record MemberSnapshot(
        String server,
        MemberOrigin origin,
        boolean up,
        Optional<Instant> lastPoll,
        Map<Command, CommandStatus> commands,
        Optional<Timed<MonitorStats>> monitor,
        Optional<Timed<ServerStats>> stats,
        Optional<Timed<ServerConfig>> config,
        Optional<Timed<Environment>> environment,
        Optional<Timed<Environment>> systemProperties,
        Optional<Timed<WatchSummary>> watchSummary,
        Optional<Timed<Connections>> connections,
        Optional<Timed<WatchDump>> watchesBySession,
        Optional<Timed<WatchDump>> watchesByPath,
        Optional<Timed<SessionDump>> sessions) {

    public MemberSnapshot {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(lastPoll, "lastPoll");
        commands = commands.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(commands));
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(watchSummary, "watchSummary");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(watchesBySession, "watchesBySession");
        Objects.requireNonNull(watchesByPath, "watchesByPath");
        Objects.requireNonNull(sessions, "sessions");
    }

    /** A member that has not been polled yet. */
    public static MemberSnapshot unpolled(String server, MemberOrigin origin) {
        return new MemberSnapshot(server, origin, false, Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Builder with() {
        return new Builder(this);
    }

    /** The role the member reported (leader, follower, standalone, observer, read-only), if known. */
    public Optional<ServerMode> role() {
        if (!up) {
            return Optional.empty();
        }
        return stats.map(s -> s.value().mode()).or(() -> monitor.map(m -> m.value().mode()))
                .filter(m -> m != ServerMode.UNKNOWN);
    }

    /** Whether this member holds the authoritative session table: the leader, or a standalone server. */
    public boolean leader() {
        return role().map(r -> r == ServerMode.LEADER || r == ServerMode.STANDALONE).orElse(false);
    }

    public Optional<CommandStatus> status(Command command) {
        return Optional.ofNullable(commands.get(command));
    }

    /** Copy-on-write construction of the next snapshot of a member. */
    public static final class Builder {
        private String server;
        private MemberOrigin origin;
        private boolean up;
        private Optional<Instant> lastPoll;
        private final EnumMap<Command, CommandStatus> commands = new EnumMap<>(Command.class);
        private Optional<Timed<MonitorStats>> monitor;
        private Optional<Timed<ServerStats>> stats;
        private Optional<Timed<ServerConfig>> config;
        private Optional<Timed<Environment>> environment;
        private Optional<Timed<Environment>> systemProperties;
        private Optional<Timed<WatchSummary>> watchSummary;
        private Optional<Timed<Connections>> connections;
        private Optional<Timed<WatchDump>> watchesBySession;
        private Optional<Timed<WatchDump>> watchesByPath;
        private Optional<Timed<SessionDump>> sessions;

        private Builder(MemberSnapshot s) {
            server = s.server;
            origin = s.origin;
            up = s.up;
            lastPoll = s.lastPoll;
            commands.putAll(s.commands);
            monitor = s.monitor;
            stats = s.stats;
            config = s.config;
            environment = s.environment;
            systemProperties = s.systemProperties;
            watchSummary = s.watchSummary;
            connections = s.connections;
            watchesBySession = s.watchesBySession;
            watchesByPath = s.watchesByPath;
            sessions = s.sessions;
        }

        public Builder origin(MemberOrigin v) {
            origin = v;
            return this;
        }

        public Builder up(boolean v, Instant at) {
            up = v;
            lastPoll = Optional.of(at);
            return this;
        }

        public Builder status(CommandStatus s) {
            commands.put(s.command(), s);
            return this;
        }

        public Builder monitor(Optional<Timed<MonitorStats>> v) {
            monitor = v;
            return this;
        }

        public Builder stats(Optional<Timed<ServerStats>> v) {
            stats = v;
            return this;
        }

        public Builder config(Optional<Timed<ServerConfig>> v) {
            config = v;
            return this;
        }

        public Builder environment(Optional<Timed<Environment>> v) {
            environment = v;
            return this;
        }

        public Builder systemProperties(Optional<Timed<Environment>> v) {
            systemProperties = v;
            return this;
        }

        public Builder watchSummary(Optional<Timed<WatchSummary>> v) {
            watchSummary = v;
            return this;
        }

        public Builder connections(Optional<Timed<Connections>> v) {
            connections = v;
            return this;
        }

        public Builder watchesBySession(Optional<Timed<WatchDump>> v) {
            watchesBySession = v;
            return this;
        }

        public Builder watchesByPath(Optional<Timed<WatchDump>> v) {
            watchesByPath = v;
            return this;
        }

        public Builder sessions(Optional<Timed<SessionDump>> v) {
            sessions = v;
            return this;
        }

        /** Forgets everything read from the server: used when it goes down, so no stale fact is exported. */
        public Builder clearReadings() {
            monitor = Optional.empty();
            stats = Optional.empty();
            config = Optional.empty();
            environment = Optional.empty();
            systemProperties = Optional.empty();
            watchSummary = Optional.empty();
            connections = Optional.empty();
            watchesBySession = Optional.empty();
            watchesByPath = Optional.empty();
            sessions = Optional.empty();
            return this;
        }

        public MemberSnapshot build() {
            return new MemberSnapshot(server, origin, up, lastPoll, commands, monitor, stats, config, environment,
                    systemProperties, watchSummary, connections, watchesBySession, watchesByPath, sessions);
        }
    }
}
