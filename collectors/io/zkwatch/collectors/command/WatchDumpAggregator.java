package io.zkwatch.collectors.command;

import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDump.Accuracy;
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
 * Folds watch events into a {@link WatchDump} in memory bounded by the options, whatever the server holds.
 *
 * <p>Memory, worst case:
 * <ul>
 *   <li>sessions: exact, one tally per session (sessions are bounded by connections): about 100 bytes plus the
 *       {@link WatchDumpOptions#samplePathsPerSession()} sample paths it references;</li>
 *   <li>by-path top-K: a by-path dump states each path's watcher count in one group, so a bounded min-heap of K
 *       paths is exact; the session ids of the group being read ({@link SmallestIds}, at most
 *       2 &times; {@link WatchDumpOptions#sessionsPerPath()} longs) stay only if the path is top or tracked;</li>
 *   <li>by-session paths: a path's watchers are spread over the whole dump, so paths are counted by
 *       {@link HeavyHitters} of {@link WatchDumpOptions#exactPaths()} counters (about 110 bytes plus the path
 *       each): exact below the cap, a frequent-items summary above it;</li>
 *   <li>prefixes: {@link HeavyHitters} of {@link WatchDumpOptions#exactPrefixes()} counters, either order.</li>
 * </ul>
 * While a by-session dump's path counts are exact, prefixes are counted from them at the end (no prefix string
 * per watch line); once path counts are decremented, their exact counts so far go to the prefixes and each later watch
 * counts towards its prefix directly.
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
    private final SessionTallies<SessionTally> sessions = new SessionTallies<>();
    private final HeavyHitters paths;
    private final HeavyHitters prefixes;
    private final PrefixTable prefixTable;
    private final PriorityQueue<PathWatchers> top;
    private final Map<String, PathSessions> pathSessions = new HashMap<>();
    /** By-session dumps: the sessions seen so far on each tracked path, and how many. */
    private final Map<String, SmallestIds> trackedIds = new HashMap<>();
    private final Map<String, long[]> trackedCounts = new HashMap<>();
    private final SmallestIds groupIds;
    private boolean prefixPerWatch;
    private long total;
    private long pathGroups;
    private String groupPath;
    private long groupWatchers;
    private long lastSession;
    private SessionTally lastTally;

    WatchDumpAggregator(Order order, WatchDumpOptions options) {
        this.order = order;
        this.options = options;
        this.top = new PriorityQueue<>(Math.max(1, options.topPaths() + 1), WatchDump.MOST_WATCHED_FIRST.reversed());
        this.paths = order == Order.BY_SESSION ? new HeavyHitters(options.exactPaths(), this::prefixesFromPaths) : null;
        this.prefixes = new HeavyHitters(options.exactPrefixes());
        this.prefixTable = new PrefixTable(options);
        this.groupIds = new SmallestIds(options.sessionsPerPath());
    }

    @Override
    public void beginSession(long sessionId) {
        tally(sessionId);
    }

    @Override
    public void beginPath(String path) {
        groupPath = path;
        groupWatchers = 0;
        groupIds.clear();
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
            if (groupPath != null) {
                groupIds.offer(sessionId);
            }
            return;
        }
        paths.add(path, 1);
        if (prefixPerWatch) {
            prefixes.add(prefixTable.of(path), 1);
        }
        if (options.trackedPaths().contains(path)) {
            trackedIds.computeIfAbsent(path, p -> new SmallestIds(options.sessionsPerPath())).offer(sessionId);
            trackedCounts.computeIfAbsent(path, p -> new long[1])[0]++;
        }
    }

    @Override
    public void endGroup() {
        if (order == Order.BY_PATH && groupPath != null) {
            if (groupWatchers > 0) {
                prefixes.add(prefixTable.of(groupPath), groupWatchers);
            }
            boolean top = offerTop(groupPath, groupWatchers);
            if (top || options.trackedPaths().contains(groupPath)) {
                pathSessions.put(groupPath, new PathSessions(groupWatchers, groupIds.toList()));
            }
            groupPath = null;
        }
    }

    WatchDump result() {
        long distinctPaths = pathGroups;
        boolean topExact = true;
        long topOvercount = 0;
        if (order == Order.BY_SESSION) {
            if (!prefixPerWatch) {
                prefixesFromPaths();
            }
            for (HeavyHitters.Entry e : paths.top(options.topPaths())) {
                top.add(new PathWatchers(e.key(), e.upper()));
            }
            topOvercount = paths.error();
            topExact = paths.exact();
            distinctPaths = paths.distinct();
            trackedIds.forEach((path, ids) -> pathSessions.put(path,
                    new PathSessions(trackedCounts.get(path)[0], ids.toList())));
        }
        Map<Long, SessionWatches> out = new HashMap<>(sessions.size() * 2);
        sessions.forEach((id, t) -> out.put(id, new SessionWatches(id, t.watches, t.samples.toList())));
        List<PathWatchers> topPaths = new ArrayList<>(top);
        topPaths.sort(WatchDump.MOST_WATCHED_FIRST);
        Map<String, Long> byPrefix = new HashMap<>();
        long listed = 0;
        for (HeavyHitters.Entry e : prefixes.entries()) {
            byPrefix.put(e.key(), e.count());
            listed += e.count();
        }
        Accuracy accuracy = new Accuracy(topExact, topOvercount, order == Order.BY_PATH || paths.exact(),
                prefixes.exact(), prefixes.error());
        return new WatchDump(order, options, total, Math.max(distinctPaths, topPaths.size()), out, topPaths,
                byPrefix, pathSessions, Math.max(prefixes.distinct(), byPrefix.size()), total - listed, accuracy);
    }

    /** Counts the exact path counts so far towards their prefixes; from then on each watch counts itself. */
    private void prefixesFromPaths() {
        paths.entries().forEach(e -> prefixes.add(prefixTable.of(e.key()), e.count()));
        prefixPerWatch = true;
    }

    /** The tally of a session; a by-session dump asks for the same one line after line. */
    private SessionTally tally(long sessionId) {
        if (lastTally == null || lastSession != sessionId) {
            lastTally = sessions.get(sessionId, id -> new SessionTally(options.samplePathsPerSession()));
            lastSession = sessionId;
        }
        return lastTally;
    }

    /** Offers a by-path dump's path to the top-K; returns whether it is (for now) among the top paths. */
    private boolean offerTop(String path, long watchers) {
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
