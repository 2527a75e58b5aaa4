package io.zkwatch.collectors.command;

import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDump.Order;
import io.zkwatch.collectors.WatchDump.PathSessions;
import io.zkwatch.collectors.WatchDump.PathWatchers;
import io.zkwatch.collectors.WatchDump.SessionWatches;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchVisitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Folds watch events into a {@link WatchDump}.
 *
 * <p>Memory: one entry per session (sessions are bounded by connections), a top-K heap, and one counter per
 * prefix. A by-path dump states each path's watcher count in one group, so its top-K is exact with a bounded
 * min-heap and no per-path map; the session ids of the group being read are kept (at most
 * {@link WatchDumpOptions#sessionsPerPath()}) and stay only if the path enters the top-K or is tracked. A by-session dump spreads a path's watchers over the whole dump, so it keeps
 * one exact counter per distinct path; bounding that is left to a later change.
 */
final class WatchDumpAggregator implements WatchVisitor {

    private static final class SessionTally {
        long watches;
        final Smallest<String> samples;

        SessionTally(int samples) {
            this.samples = new Smallest<>(samples);
        }
    }

    private final Order order;
    private final WatchDumpOptions options;
    private final Map<Long, SessionTally> sessions = new HashMap<>();
    private final Map<String, long[]> watchersByPath = new HashMap<>();
    private final Map<String, Long> byPrefix = new HashMap<>();
    private final PriorityQueue<PathWatchers> top;
    private final Map<String, PathSessions> pathSessions = new HashMap<>();
    /** By-session dumps: the sessions seen so far on each tracked path, and how many. */
    private final Map<String, Smallest<Long>> trackedIds = new HashMap<>();
    private final Map<String, long[]> trackedCounts = new HashMap<>();
    private Smallest<Long> groupIds;
    private long total;
    private long pathGroups;
    private String groupPath;
    private long groupWatchers;

    WatchDumpAggregator(Order order, WatchDumpOptions options) {
        this.order = order;
        this.options = options;
        this.top = new PriorityQueue<>(Math.max(1, options.topPaths() + 1), WatchDump.MOST_WATCHED_FIRST.reversed());
    }

    @Override
    public void beginSession(long sessionId) {
        tally(sessionId);
    }

    @Override
    public void beginPath(String path) {
        groupPath = path;
        groupWatchers = 0;
        groupIds = new Smallest<>(options.sessionsPerPath());
        pathGroups++;
    }

    @Override
    public void watch(long sessionId, String path) {
        total++;
        SessionTally t = tally(sessionId);
        t.watches++;
        t.samples.offer(path);
        if (order == Order.BY_PATH) {
            groupWatchers++;
            if (groupIds != null) {
                groupIds.offer(sessionId);
            }
        } else {
            watchersByPath.computeIfAbsent(path, p -> new long[1])[0]++;
            if (options.trackedPaths().contains(path)) {
                trackedIds.computeIfAbsent(path, p -> new Smallest<>(options.sessionsPerPath())).offer(sessionId);
                trackedCounts.computeIfAbsent(path, p -> new long[1])[0]++;
            }
        }
    }

    @Override
    public void endGroup() {
        if (order == Order.BY_PATH && groupPath != null) {
            boolean top = countPath(groupPath, groupWatchers);
            if (top || options.trackedPaths().contains(groupPath)) {
                pathSessions.put(groupPath, new PathSessions(groupWatchers, groupIds.toList()));
            }
            groupPath = null;
            groupIds = null;
        }
    }

    WatchDump result() {
        long distinctPaths = pathGroups;
        if (order == Order.BY_SESSION) {
            watchersByPath.forEach((path, n) -> countPath(path, n[0]));
            distinctPaths = watchersByPath.size();
            trackedIds.forEach((path, ids) -> pathSessions.put(path,
                    new PathSessions(trackedCounts.get(path)[0], ids.toList())));
        }
        Map<Long, SessionWatches> out = new HashMap<>();
        sessions.forEach((id, t) -> out.put(id, new SessionWatches(id, t.watches, t.samples.toList())));
        List<PathWatchers> topPaths = new ArrayList<>(top);
        topPaths.sort(WatchDump.MOST_WATCHED_FIRST);
        return new WatchDump(order, options, total, distinctPaths, out, topPaths, byPrefix, pathSessions);
    }

    private SessionTally tally(long sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new SessionTally(options.samplePathsPerSession()));
    }

    /** Counts a path and offers it to the top-K; returns whether it is (for now) among the top paths. */
    private boolean countPath(String path, long watchers) {
        if (watchers > 0) {
            byPrefix.merge(options.prefixOf(path), watchers, Long::sum);
        }
        int k = options.topPaths();
        if (k == 0) {
            return false;
        }
        if (top.size() < k) {
            top.add(new PathWatchers(path, watchers));
            return true;
        }
        PathWatchers weakest = top.peek();
        if (watchers < weakest.watchers()) {
            return false;
        }
        PathWatchers candidate = new PathWatchers(path, watchers);
        if (WatchDump.MOST_WATCHED_FIRST.compare(candidate, weakest) < 0) {
            top.poll();
            if (!options.trackedPaths().contains(weakest.path())) {
                pathSessions.remove(weakest.path());
            }
            top.add(candidate);
            return true;
        }
        return false;
    }
}
