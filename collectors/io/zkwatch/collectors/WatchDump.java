package io.zkwatch.collectors;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The aggregate of one watch dump ({@code wchc}/{@code watches} by session, or {@code wchp}/{@code watches_by_path}
 * by path), built with bounded memory: exact totals and per-session counts, but only samples, a top-K and
 * prefix counts of the paths. Past {@link WatchDumpOptions#exactPaths()} or {@link WatchDumpOptions#exactPrefixes()}
 * some figures are estimates with a known error; {@link #accuracy()} says which.
 *
 * @param order which listing it came from; the same server at the same moment gives equal records from the 4lw
 *     and AdminServer variants of one order
 * @param totalWatches (session, path) pairs in the dump
 * @param distinctPaths number of distinct watched paths (including paths printed with no watcher): exact, or a
 *     HyperLogLog estimate when {@link Accuracy#distinctPathsExact()} is false
 * @param sessions per session: exact watch count and up to {@link WatchDumpOptions#samplePathsPerSession()}
 *     sample paths, in path order: those with the smallest hash of their UTF-8 bytes, a uniform sample of the
 *     session's paths that every source and every poll of the same watches picks alike
 * @param topPaths the most-watched paths, most first, ties by path; exact, or Space-Saving estimates (never
 *     below the truth) that overstate by at most {@link Accuracy#topPathsMaxOvercount()} when
 *     {@link Accuracy#topPathsExact()} is false
 * @param watchesByPrefix watches per path prefix at {@link WatchDumpOptions#prefixDepth()}: every prefix when
 *     {@link Accuracy#prefixesExact()}, else the heaviest ones, each with the watches it certainly has (never
 *     above the truth, short by at most {@link Accuracy#prefixMaxUndercount()}), so that with
 *     {@code otherPrefixWatches} they add up to the total
 * @param pathSessions the sessions watching each top path (by-path dumps only) and each
 *     {@linkplain WatchDumpOptions#trackedPaths() tracked path} (both orders), so that a path can be joined with
 *     the client hosts watching it
 * @param distinctPrefixes number of distinct prefixes with watches: exact when {@link Accuracy#prefixesExact()},
 *     else a HyperLogLog estimate
 * @param otherPrefixWatches {@code totalWatches} minus the listed prefix counts: the watches of unlisted prefixes
 *     plus what the listed counts may be short of; 0 when every prefix is listed
 * @param accuracy which figures are exact
 */
public record WatchDump(Order order, WatchDumpOptions options, long totalWatches, long distinctPaths,
                        Map<Long, SessionWatches> sessions, List<PathWatchers> topPaths,
                        Map<String, Long> watchesByPrefix, Map<String, PathSessions> pathSessions,
                        long distinctPrefixes, long otherPrefixWatches, Accuracy accuracy) {

    /** The listing a dump came from. */
    public enum Order {
        BY_SESSION,
        BY_PATH
    }

    /**
     * Which figures of a dump are exact. Exact whenever the dump held fewer distinct paths and prefixes than the
     * caps of {@link WatchDumpOptions}.
     *
     * @param topPathsExact whether the top paths' counts are exact (always so for a by-path dump)
     * @param topPathsMaxOvercount the most any listed top path's count may exceed its true count (0 when exact);
     *     a count is never below the true one, and a path watched more than this many times is among the
     *     candidates, so a path missing from the list was watched at most this often or was beaten by K others
     * @param distinctPathsExact whether {@code distinctPaths} is exact; else its relative standard error is
     *     {@link #DISTINCT_RELATIVE_ERROR}
     * @param prefixesExact whether every prefix is listed with its exact count
     * @param prefixMaxUndercount the most any listed prefix's count may be short of its true count (0 when
     *     exact); a prefix not listed has at most this many watches
     */
    public record Accuracy(boolean topPathsExact, long topPathsMaxOvercount, boolean distinctPathsExact,
                           boolean prefixesExact, long prefixMaxUndercount) {

        /** Relative standard error of an estimated distinct count (HyperLogLog with 4,096 registers). */
        public static final double DISTINCT_RELATIVE_ERROR = 1.04 / 64;
        public static final Accuracy EXACT = new Accuracy(true, 0, true, true, 0);

        public Accuracy {
            if (topPathsMaxOvercount < 0 || prefixMaxUndercount < 0) {
                throw new IllegalArgumentException("negative error bound");
            }
            if (topPathsExact && topPathsMaxOvercount != 0 || prefixesExact && prefixMaxUndercount != 0) {
                throw new IllegalArgumentException("an exact figure has no error");
            }
        }

        /** Whether every figure is exact. */
        public boolean exact() {
            return topPathsExact && distinctPathsExact && prefixesExact;
        }
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
        Objects.requireNonNull(accuracy, "accuracy");
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
        if (otherPrefixWatches < 0 || prefixSum + otherPrefixWatches != totalWatches) {
            throw new IllegalArgumentException("prefix counts do not add up to the total");
        }
        if (distinctPrefixes < watchesByPrefix.size() || accuracy.prefixesExact()
                && (distinctPrefixes != watchesByPrefix.size() || otherPrefixWatches != 0)) {
            throw new IllegalArgumentException("exact prefixes must all be listed");
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

    /** An exact dump: every prefix listed, every figure exact. */
    public WatchDump(Order order, WatchDumpOptions options, long totalWatches, long distinctPaths,
                     Map<Long, SessionWatches> sessions, List<PathWatchers> topPaths,
                     Map<String, Long> watchesByPrefix, Map<String, PathSessions> pathSessions) {
        this(order, options, totalWatches, distinctPaths, sessions, topPaths, watchesByPrefix, pathSessions,
                watchesByPrefix.size(), 0, Accuracy.EXACT);
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
