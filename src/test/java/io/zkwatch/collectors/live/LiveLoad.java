package io.zkwatch.collectors.live;

import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.SessionDump.Ephemerals;
import io.zkwatch.collectors.SessionDump.TrackedSession;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDump.PathWatchers;
import io.zkwatch.collectors.WatchDump.SessionWatches;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchSummary;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.RecordingWatcher;
import io.zkwatch.harness.TestPki;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * Client load put on live servers through the real ZooKeeper client, and what the servers must therefore
 * report. Every expected value (session ids, client hosts, watch counts, paths, ephemerals) is derived from
 * what the load did, so no test can pass by matching a hard-coded reading.
 *
 * <p>The watch tables as ZooKeeper keeps them ({@code DataTree}): {@code getData} and {@code exists} (also on a
 * missing node) add a data watch, {@code getChildren} a child watch, {@code addWatch(PERSISTENT)} an entry in
 * both tables, and {@code addWatch(PERSISTENT_RECURSIVE)} one in the data table only from 3.9 on (3.6 to 3.8 put
 * it in both). A table holds one entry per (connection, path) however many kinds of watch the session set
 * there. {@code wchs}, {@code wchc} and {@code wchp} list the data table; {@code mntr}'s {@code watch_count} adds
 * both tables.
 */
final class LiveLoad implements AutoCloseable {

    /** How a watch is set, and which of the server's tables it lands in. */
    enum Kind {
        GET_DATA(true, false),
        EXISTS(true, false),
        CHILDREN(false, true),
        PERSISTENT(true, true),
        PERSISTENT_RECURSIVE(true, false);

        private final boolean dataTable;
        private final boolean childTable;

        Kind(boolean dataTable, boolean childTable) {
            this.dataTable = dataTable;
            this.childTable = childTable;
        }
    }

    private record Session(ZooKeeper zk, int member, String clientHost) {
    }

    private record Entry(long session, String path) {
    }

    private final boolean recursiveInChildTable;
    private final Clients clients = new Clients();
    private final Map<Long, Session> sessions = new LinkedHashMap<>();
    private final Set<Entry> dataTable = new LinkedHashSet<>();
    private final Set<Entry> childTable = new LinkedHashSet<>();
    private final Map<Long, SortedSet<String>> ephemerals = new TreeMap<>();

    /** Load on servers of {@code zkVersion}, which decides where a recursive watch is kept. */
    LiveLoad(String zkVersion) {
        recursiveInChildTable = !LiveAssertions.atLeast(zkVersion, 3, 9);
    }

    /** A session pinned to {@code server}, its socket bound to {@code clientHost} (for example 127.0.0.2). */
    ZooKeeper connect(String clientHost, LocalServer server) throws InterruptedException {
        ZooKeeper zk = clients.connectFrom(clientHost, server);
        sessions.put(zk.getSessionId(), new Session(zk, server.id(), clientHost));
        return zk;
    }

    /** A TLS session (secure-only servers) to {@code connectString}, presenting the PKI's client certificate. */
    ZooKeeper connectTls(String connectString, LocalServer server, TestPki pki)
            throws InterruptedException {
        ZooKeeper zk = clients.connectTls(connectString, pki);
        sessions.put(zk.getSessionId(), new Session(zk, server.id(), server.host()));
        return zk;
    }

    /** Sets one watch of the given kind and records the table entries it makes on the session's member. */
    void watch(ZooKeeper zk, Kind kind, String path) throws KeeperException, InterruptedException {
        RecordingWatcher watcher = new RecordingWatcher();
        switch (kind) {
            case GET_DATA -> Clients.watchData(zk, path, watcher);
            case EXISTS -> Clients.watchExists(zk, path, watcher);
            case CHILDREN -> Clients.watchChildren(zk, path, watcher);
            case PERSISTENT -> Clients.watchPersistent(zk, path, watcher);
            case PERSISTENT_RECURSIVE -> Clients.watchPersistentRecursive(zk, path, watcher);
        }
        Entry entry = new Entry(zk.getSessionId(), path);
        if (kind.dataTable) {
            dataTable.add(entry);
        }
        if (kind.childTable || (kind == Kind.PERSISTENT_RECURSIVE && recursiveInChildTable)) {
            childTable.add(entry);
        }
    }

    /** An ephemeral node owned by {@code zk}'s session. */
    void ephemeral(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        ephemerals.computeIfAbsent(zk.getSessionId(), id -> new TreeSet<>()).add(Clients.createEphemeral(zk, path));
    }

    /**
     * The znodes a client can walk, the root and ZooKeeper's own nodes included. The servers' {@code srvr} node
     * count and {@code mntr} {@code znode_count} are one more: their node table holds the root twice, under
     * {@code ""} and {@code "/"} ({@code DataTree}'s constructor).
     */
    long nodeCount() throws KeeperException, InterruptedException {
        ZooKeeper zk = sessions.values().iterator().next().zk();
        long count = 0;
        Deque<String> todo = new ArrayDeque<>(List.of("/"));
        while (!todo.isEmpty()) {
            String path = todo.pop();
            count++;
            for (String child : zk.getChildren(path, false)) {
                todo.push((path.equals("/") ? "" : path) + "/" + child);
            }
        }
        return count;
    }

    /** Every open session's id. */
    Set<Long> sessionIds() {
        return Set.copyOf(sessions.keySet());
    }

    /** The sessions connected to {@code server}, with the client host each connects from. */
    Map<Long, String> clientHostsOn(LocalServer server) {
        return sessions.entrySet().stream().filter(e -> e.getValue().member() == server.id())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().clientHost()));
    }

    /** {@code wchs}: watchers, distinct paths and entries of {@code server}'s data table. */
    WatchSummary summaryOn(LocalServer server) {
        List<Entry> entries = entriesOn(dataTable, server);
        return new WatchSummary(entries.stream().map(Entry::session).distinct().count(),
                entries.stream().map(Entry::path).distinct().count(), entries.size());
    }

    /** {@code mntr}'s {@code watch_count}: entries of both tables on {@code server}. */
    long watchCountOn(LocalServer server) {
        return entriesOn(dataTable, server).size() + entriesOn(childTable, server).size();
    }

    /** The whole {@code wchc} or {@code wchp} record {@code server} must give, computed from the load. */
    WatchDump dumpOn(LocalServer server, WatchDump.Order order, WatchDumpOptions options) {
        List<Entry> entries = entriesOn(dataTable, server);
        Map<Long, SortedSet<String>> bySession = new HashMap<>();
        Map<String, Long> byPath = new HashMap<>();
        Map<String, Long> byPrefix = new HashMap<>();
        for (Entry e : entries) {
            bySession.computeIfAbsent(e.session(), id -> new TreeSet<>()).add(e.path());
            byPath.merge(e.path(), 1L, Long::sum);
            byPrefix.merge(options.prefixOf(e.path()), 1L, Long::sum);
        }
        Map<Long, SessionWatches> sessionWatches = new HashMap<>();
        bySession.forEach((id, paths) -> sessionWatches.put(id, new SessionWatches(id, paths.size(),
                options.samplePathsOf(paths))));
        List<PathWatchers> top = byPath.entrySet().stream().map(e -> new PathWatchers(e.getKey(), e.getValue()))
                .sorted(WatchDump.MOST_WATCHED_FIRST).limit(options.topPaths()).toList();
        Map<String, WatchDump.PathSessions> pathSessions = new HashMap<>();
        if (order == WatchDump.Order.BY_PATH) {
            // The by-path listing also says who watches the top and the tracked paths.
            SortedSet<String> named = new TreeSet<>(options.trackedPaths());
            top.forEach(p -> named.add(p.path()));
            for (String path : named) {
                List<Long> ids = entries.stream().filter(e -> e.path().equals(path)).map(Entry::session)
                        .distinct().sorted().toList();
                if (!ids.isEmpty()) {
                    pathSessions.put(path, new WatchDump.PathSessions(ids.size(),
                            ids.stream().limit(options.sessionsPerPath()).toList()));
                }
            }
        }
        return new WatchDump(order, options, entries.size(), byPath.size(), sessionWatches, top, byPrefix,
                pathSessions);
    }

    /** The leader's (authoritative) {@code dump}: every open session, and every session's ephemerals. */
    SessionDump leaderDump(int samplePaths) {
        Map<Long, TrackedSession> tracked = new HashMap<>();
        sessions.keySet().forEach(id -> tracked.put(id, new TrackedSession(id, OptionalInt.empty(), false)));
        return new SessionDump(SessionDump.Tracker.LEADER_OR_STANDALONE, tracked, ephemerals(samplePaths));
    }

    /** A follower's 4lw {@code dump}: its copy of the global sessions with their negotiated timeouts. */
    SessionDump learnerDump(int samplePaths) {
        Map<Long, TrackedSession> tracked = new HashMap<>();
        sessions.forEach((id, s) -> tracked.put(id,
                new TrackedSession(id, OptionalInt.of(s.zk().getSessionTimeout()), false)));
        return new SessionDump(SessionDump.Tracker.LEARNER, tracked, ephemerals(samplePaths));
    }

    /** The ephemerals per owning session, with the lexicographically smallest paths as samples. */
    Map<Long, Ephemerals> ephemerals(int samplePaths) {
        Map<Long, Ephemerals> out = new HashMap<>();
        ephemerals.forEach((id, paths) -> out.put(id,
                new Ephemerals(id, paths.size(), paths.stream().limit(samplePaths).toList())));
        return out;
    }

    long ephemeralCount() {
        return ephemerals.values().stream().mapToLong(Set::size).sum();
    }

    /** Closes every session (and with them their watches and ephemerals). Idempotent. */
    @Override
    public void close() {
        clients.close();
        sessions.clear();
        dataTable.clear();
        childTable.clear();
        ephemerals.clear();
    }

    private List<Entry> entriesOn(Set<Entry> table, LocalServer server) {
        Predicate<Entry> onServer = e -> sessions.get(e.session()).member() == server.id();
        return table.stream().filter(onServer).toList();
    }
}
