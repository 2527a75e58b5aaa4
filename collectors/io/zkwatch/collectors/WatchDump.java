package io.zkwatch.collectors;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The aggregate of one watch dump ({@code wchc}/{@code watches} by session, or {@code wchp}/{@code watches_by_path}
 * by path), built with bounded memory: exact totals and per-session counts, but only samples, a top-K and
 * prefix counts of the paths.
 *
 * @param order which listing it came from; the same server at the same moment gives equal records from the 4lw
 *     and AdminServer variants of one order
 * @param totalWatches (session, path) pairs in the dump
 * @param distinctPaths exact number of distinct watched paths (including paths printed with no watcher)
 * @param sessions per session: exact watch count and up to {@link WatchDumpOptions#samplePathsPerSession()}
 *     sample paths (the lexicographically smallest, so that every source picks the same ones)
 * @param topPaths the most-watched paths, most first, ties by path; exact
 * @param watchesByPrefix watches per path prefix at {@link WatchDumpOptions#prefixDepth()}
 * @param pathSessions the sessions watching each top path (by-path dumps only) and each
 *     {@linkplain WatchDumpOptions#trackedPaths() tracked path} (both orders), so that a path can be joined with
 *     the client hosts watching it
 */
public record WatchDump(Order order, WatchDumpOptions options, long totalWatches, long distinctPaths,
                        Map<Long, SessionWatches> sessions, List<PathWatchers> topPaths,
                        Map<String, Long> watchesByPrefix, Map<String, PathSessions> pathSessions) {

    /** The listing a dump came from. */
    public enum Order {
        BY_SESSION,
        BY_PATH
    }

    /** One session's watches. */
    public record SessionWatches(long sessionId, long watches, List<String> samplePaths) {
        public SessionWatches {
            samplePaths = List.copyOf(samplePaths);
            if (watches < 0 || samplePaths.size() > watches) {
                throw new IllegalArgumentException("bad watch count for session");
            }
        }
    }

    /** One path and how many sessions watch it. */
    public record PathWatchers(String path, long watchers) {
        public PathWatchers {
            Objects.requireNonNull(path, "path");
            if (watchers < 0) {
                throw new IllegalArgumentException("negative watcher count");
            }
        }
    }

    /**
     * The sessions watching one path.
     *
     * @param watchers exact number of sessions watching the path
     * @param sessionIds the smallest {@link WatchDumpOptions#sessionsPerPath()} of them, ascending
     */
    public record PathSessions(long watchers, List<Long> sessionIds) {
        public PathSessions {
            sessionIds = List.copyOf(sessionIds);
            if (watchers < sessionIds.size()) {
                throw new IllegalArgumentException("fewer watchers than session ids");
            }
        }

        /** Whether some watching sessions were left out by the cap. */
        public boolean capped() {
            return watchers > sessionIds.size();
        }
    }

    /** Most watchers first, then by path, so that ties never depend on dump order. */
    public static final Comparator<PathWatchers> MOST_WATCHED_FIRST =
            Comparator.comparingLong(PathWatchers::watchers).reversed().thenComparing(PathWatchers::path);

    public WatchDump {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(options, "options");
        sessions = Map.copyOf(sessions);
        topPaths = List.copyOf(topPaths);
        watchesByPrefix = Map.copyOf(watchesByPrefix);
        pathSessions = Map.copyOf(pathSessions);
        long sum = 0;
        for (Map.Entry<Long, SessionWatches> e : sessions.entrySet()) {
            if (e.getKey() != e.getValue().sessionId()) {
                throw new IllegalArgumentException("session map key differs from its entry");
            }
            sum += e.getValue().watches();
        }
        if (sum != totalWatches) {
            throw new IllegalArgumentException("session counts do not add up to the total");
        }
        long prefixSum = watchesByPrefix.values().stream().mapToLong(Long::longValue).sum();
        if (prefixSum != totalWatches) {
            throw new IllegalArgumentException("prefix counts do not add up to the total");
        }
        if (topPaths.size() > options.topPaths() || topPaths.size() > distinctPaths) {
            throw new IllegalArgumentException("more top paths than allowed");
        }
        for (int i = 1; i < topPaths.size(); i++) {
            if (MOST_WATCHED_FIRST.compare(topPaths.get(i - 1), topPaths.get(i)) >= 0) {
                throw new IllegalArgumentException("top paths out of order");
            }
        }
    }

    /** A dump without per-path session lists (built by hand, or by a source that keeps none). */
    public WatchDump(Order order, WatchDumpOptions options, long totalWatches, long distinctPaths,
                     Map<Long, SessionWatches> sessions, List<PathWatchers> topPaths,
                     Map<String, Long> watchesByPrefix) {
        this(order, options, totalWatches, distinctPaths, sessions, topPaths, watchesByPrefix, Map.of());
    }

    /** Sessions with at least one entry in the dump (a session whose watches all fired may count zero). */
    public int distinctSessions() {
        return sessions.size();
    }

    /** Sessions sorted by watch count, most first, ties by session id. */
    public List<SessionWatches> sessionsByWatchCount() {
        return sessions.values().stream()
                .sorted(Comparator.comparingLong(SessionWatches::watches).reversed()
                        .thenComparingLong(SessionWatches::sessionId))
                .toList();
    }
}
