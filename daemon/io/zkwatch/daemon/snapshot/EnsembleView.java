package io.zkwatch.daemon.snapshot;

import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.WatchDump;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The joins an operator asks for, computed from one {@link EnsembleSnapshot}: sessions with their client host,
 * client hosts with their connections and watches, and each member's share of the ensemble. Pure; the exporter
 * and the HTTP API both read it, so they never disagree.
 */
public record EnsembleView(String ensemble, List<ServerView> servers) {

    /** Client label for a session whose connection is not in the member's {@code cons}. */
    public static final String UNKNOWN_CLIENT = "unknown";

    public EnsembleView {
        servers = List.copyOf(servers);
    }

    /** One member, joined. Lists are sorted, largest first. */
    public record ServerView(String server, boolean up, Optional<ServerMode> role, OptionalLong sessionConnections,
                             OptionalLong dataWatches, OptionalLong allWatches, double connectionShare,
                             double watchShare, List<SessionRow> sessions, List<ClientRow> clients,
                             Optional<WatchDump> byPath) {
        public ServerView {
            sessions = List.copyOf(sessions);
            clients = List.copyOf(clients);
        }
    }

    /**
     * One session's data watches on one member.
     *
     * @param connected whether the member's {@code cons} lists the session (false: closed, or moved, or raced)
     */
    public record SessionRow(String server, long sessionId, String client, long watches, List<String> samplePaths,
                             boolean connected) {
        public SessionRow {
            samplePaths = List.copyOf(samplePaths);
        }

        public String sessionHex() {
            return "0x" + Long.toHexString(sessionId);
        }
    }

    /** One client host on one member. */
    public record ClientRow(String server, String host, long connections, long sessions, long watches) {
    }

    public static EnsembleView of(EnsembleSnapshot snapshot) {
        long totalConnections = 0;
        long totalWatches = 0;
        for (MemberSnapshot m : snapshot.members()) {
            totalConnections += sessionConnections(m).orElse(0);
            totalWatches += allWatches(m).orElse(0);
        }
        List<ServerView> servers = new ArrayList<>();
        for (MemberSnapshot m : snapshot.members()) {
            servers.add(server(m, totalConnections, totalWatches));
        }
        return new EnsembleView(snapshot.ensemble(), servers);
    }

    private static ServerView server(MemberSnapshot m, long totalConnections, long totalWatches) {
        OptionalLong conns = sessionConnections(m);
        OptionalLong all = allWatches(m);
        OptionalLong data = m.watchSummary().map(t -> OptionalLong.of(t.value().totalWatches()))
                .orElse(OptionalLong.empty());
        Map<Long, String> hostBySession = new HashMap<>();
        Map<String, long[]> perHost = new LinkedHashMap<>();
        m.connections().map(Timed::value).map(Connections::connections).orElse(List.of()).forEach(c -> {
            if (c.sessionId().isEmpty()) {
                return;
            }
            String host = c.address().map(Connection.ClientAddress::host).orElse(UNKNOWN_CLIENT);
            hostBySession.put(c.sessionId().getAsLong(), host);
            long[] acc = perHost.computeIfAbsent(host, h -> new long[3]);
            acc[0]++;
            acc[1]++;
        });
        List<SessionRow> sessions = new ArrayList<>();
        m.watchesBySession().map(Timed::value).ifPresent(d -> {
            for (WatchDump.SessionWatches s : d.sessions().values()) {
                String host = hostBySession.get(s.sessionId());
                sessions.add(new SessionRow(m.server(), s.sessionId(), host == null ? UNKNOWN_CLIENT : host,
                        s.watches(), s.samplePaths(), host != null));
                if (host != null) {
                    perHost.get(host)[2] += s.watches();
                }
            }
        });
        sessions.sort(Comparator.comparingLong(SessionRow::watches).reversed()
                .thenComparingLong(SessionRow::sessionId));
        List<ClientRow> clients = new ArrayList<>();
        perHost.forEach((h, acc) -> clients.add(new ClientRow(m.server(), h, acc[0], acc[1], acc[2])));
        clients.sort(Comparator.comparingLong(ClientRow::connections).reversed()
                .thenComparing(Comparator.comparingLong(ClientRow::watches).reversed())
                .thenComparing(ClientRow::host));
        double connShare = conns.isPresent() && totalConnections > 0
                ? (double) conns.getAsLong() / totalConnections : 0.0;
        double watchShare = all.isPresent() && totalWatches > 0 ? (double) all.getAsLong() / totalWatches : 0.0;
        return new ServerView(m.server(), m.up(), m.role(), conns, data, all, connShare, watchShare, sessions,
                clients, m.watchesByPath().map(Timed::value));
    }

    private static OptionalLong sessionConnections(MemberSnapshot m) {
        return m.connections().map(t -> OptionalLong.of(t.value().withSession().size()))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong allWatches(MemberSnapshot m) {
        return m.monitor().map(t -> t.value().integer("watch_count")).orElse(OptionalLong.empty());
    }

    public Optional<ServerView> server(String server) {
        return servers.stream().filter(s -> s.server().equals(server)).findFirst();
    }
}
