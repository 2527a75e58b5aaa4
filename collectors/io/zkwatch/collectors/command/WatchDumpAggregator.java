package io.zkwatch.collectors.command;

import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDump.Accuracy;
import io.zkwatch.collectors.WatchDump.Order;
import io.zkwatch.collectors.WatchDump.PathSessions;
import io.zkwatch.collectors.WatchDump.PathWatchers;
import io.zkwatch.collectors.WatchDump.SessionWatches;
import io.zkwatch.collectors.WatchDumpOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Folds a watch dump into a {@link WatchDump} in memory bounded by the options, whatever the server holds.
 *
 * <p>Paths stay bytes ({@link DumpSink}): a by-session dump's path is hashed and counted where the line lies, a
 * by-path dump's path is copied once per group, and only what is reported becomes a String (the top paths, the
 * prefixes, each session's sample paths, tracked paths).
 *
 * <p>Memory, worst case:
 * <ul>
 *   <li>sessions: exact, one tally per session (sessions are bounded by connections): about 100 bytes plus the
 *       {@link WatchDumpOptions#samplePathsPerSession()} sample paths it holds;</li>
 *   <li>by-path top-K: a by-path dump states each path's watcher count in one group, so a bounded min-heap of K
 *       paths is exact; the session ids of the group being read ({@link SmallestIds}, at most
 *       2 &times; {@link WatchDumpOptions#sessionsPerPath()} longs) stay only if the path is top or tracked;</li>
 *   <li>by-session paths: a path's watchers are spread over the whole dump, so paths are counted by
 *       {@link HeavyHitters} of {@link WatchDumpOptions#exactPaths()} counters (about 60 bytes plus the path
 *       each): exact below the cap, a frequent-items summary above it;</li>
 *   <li>prefixes: {@link HeavyHitters} of {@link WatchDumpOptions#exactPrefixes()} counters, either order.</li>
 * </ul>
 * While a by-session dump's path counts are exact, prefixes are counted from them at the end (no prefix lookup
 * per watch line); once path counts are decremented, their exact counts so far go to the prefixes and each later
 * watch counts towards its prefix directly.
 */
final class WatchDumpAggregator implements DumpSink {

    private final Order order;
    private final WatchDumpOptions options;
    private final int depth;
    private final SessionTable sessions;
    private final HeavyHitters paths;
    private final HeavyHitters prefixes;
    private final PriorityQueue<PathWatchers> top;
    private final Map<String, PathSessions> pathSessions = new HashMap<>();
    /** The tracked paths, as names and bytes; in a by-session dump, the sessions seen on each so far, and how many. */
    private final String[] trackedNames;
    private final byte[][] tracked;
    private final SmallestIds[] trackedIds;
    private final long[] trackedCounts;
    private final SmallestIds groupIds;
    private boolean prefixPerWatch;
    private long total;
    private long pathGroups;
    /** The by-path group being read: its path (a copy; -1 while none is open), and what is known of it. */
    private byte[] group = new byte[256];
    private int groupLength = -1;
    private byte[] groupCopy;
    private int groupTracked;
    private long groupWatchers;
    /** The weakest top path's bytes, for comparing a tie without making the candidate's String. */
    private PathWatchers weakest;
    private byte[] weakestBytes;
    private long groupHash;
    /** The session a by-session dump is reading, and its slot. */
    private long session;
    private int sessionSlot = -1;

    WatchDumpAggregator(Order order, WatchDumpOptions options) {
        this(order, options, 0);
    }

    /**
     * {@code replyBytes} (0 if unknown) sizes the by-session path counter up front: at about 32 bytes a line a
     * dump has at most that many distinct paths, and the counter never grows past its cap anyway.
     */
    WatchDumpAggregator(Order order, WatchDumpOptions options, long replyBytes) {
        this.order = order;
        this.options = options;
        this.depth = options.prefixDepth();
        this.sessions = new SessionTable(options.samplePathsPerSession());
        this.top = new PriorityQueue<>(Math.max(1, options.topPaths() + 1), WatchDump.MOST_WATCHED_FIRST.reversed());
        this.paths = order == Order.BY_SESSION ? new HeavyHitters(options.exactPaths(), this::prefixesFromPaths,
                (int) Math.min(Integer.MAX_VALUE, replyBytes / 32)) : null;
        this.prefixes = new HeavyHitters(options.exactPrefixes());
        this.groupIds = new SmallestIds(options.sessionsPerPath());
        this.trackedNames = options.trackedPaths().stream().sorted().toArray(String[]::new);
        this.tracked = new byte[trackedNames.length][];
        this.trackedIds = new SmallestIds[trackedNames.length];
        this.trackedCounts = new long[trackedNames.length];
        for (int k = 0; k < tracked.length; k++) {
            tracked[k] = PathBytes.utf8(trackedNames[k]);
            trackedIds[k] = new SmallestIds(options.sessionsPerPath());
        }
    }

    @Override
    public void beginSession(long sessionId) {
        session = sessionId;
        sessionSlot = sessions.slot(sessionId);
    }

    @Override
    public void watchedPath(byte[] buf, int from, int to) {
        total++;
        long hash = PathBytes.hash(buf, from, to);
        sessions.watch(sessionSlot, hash, buf, from, to);
        paths.add(buf, from, to, hash, 1);
        if (prefixPerWatch) {
            int end = PathBytes.prefixEnd(buf, from, to, depth);
            prefixes.add(buf, from, end, end == to ? hash : PathBytes.hash(buf, from, end), 1);
        }
        int k = trackedIndex(buf, from, to);
        if (k >= 0) {
            trackedIds[k].offer(session);
            trackedCounts[k]++;
        }
    }

    @Override
    public void beginPath(byte[] buf, int from, int to) {
        int len = to - from;
        if (len > group.length) {
            group = new byte[Math.max(len, group.length * 2)];
        }
        System.arraycopy(buf, from, group, 0, len);
        groupLength = len;
        groupCopy = null;
        groupWatchers = 0;
        groupIds.clear();
        groupTracked = trackedIndex(group, 0, len);
        groupHash = PathBytes.hash(group, 0, len);
        pathGroups++;
    }

    @Override
    public void watcher(long sessionId) {
        total++;
        int slot = sessions.slot(sessionId);
        if (sessions.watch(slot, groupHash)) {
            SamplePaths samples = sessions.samples(slot);
            int rank = samples.rank(groupHash, group, 0, groupLength);
            if (rank >= 0) {
                if (groupCopy == null) {
                    groupCopy = Arrays.copyOf(group, groupLength);
                }
                samples.insert(rank, groupHash, groupCopy);
                sessions.samplesChanged(slot);
            }
        }
        groupWatchers++;
        groupIds.offer(sessionId);
    }

    @Override
    public void endGroup() {
        if (order != Order.BY_PATH || groupLength < 0) {
            return;
        }
        if (groupWatchers > 0) {
            int end = PathBytes.prefixEnd(group, 0, groupLength, depth);
            prefixes.add(group, 0, end, end == groupLength ? groupHash : PathBytes.hash(group, 0, end), groupWatchers);
        }
        String path = null;
        boolean isTop = false;
        if (mayBeTop(groupWatchers)) {
            path = PathBytes.text(group, 0, groupLength);
            isTop = offerTop(path, groupWatchers);
        }
        if (isTop || groupTracked >= 0) {
            if (path == null) {
                path = trackedNames[groupTracked];
            }
            pathSessions.put(path, new PathSessions(groupWatchers, groupIds.toList()));
        }
        groupLength = -1;
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
            for (int k = 0; k < tracked.length; k++) {
                if (trackedCounts[k] > 0) {
                    pathSessions.put(trackedNames[k], new PathSessions(trackedCounts[k], trackedIds[k].toList()));
                }
            }
        }
        Map<Long, SessionWatches> out = new HashMap<>(sessions.size() * 2);
        sessions.forEach((id, watches, samples) -> out.put(id, new SessionWatches(id, watches, samples.toList())));
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
        paths.forEach((arena, offset, length, count) -> countPrefix(arena, offset, offset + length, count));
        prefixPerWatch = true;
    }

    private void countPrefix(byte[] buf, int from, int to, long watches) {
        int end = PathBytes.prefixEnd(buf, from, to, depth);
        prefixes.add(buf, from, end, PathBytes.hash(buf, from, end), watches);
    }

    /** Which tracked path {@code buf[from, to)} is, or -1. */
    private int trackedIndex(byte[] buf, int from, int to) {
        for (int k = 0; k < tracked.length; k++) {
            byte[] t = tracked[k];
            if (t.length == to - from && Arrays.equals(t, 0, t.length, buf, from, to)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Whether the group's path may enter the top-K, decided without its String: a count above the weakest's
     * certainly may; an equal count only if the path sorts before the weakest's, compared as bytes.
     */
    private boolean mayBeTop(long watchers) {
        int k = options.topPaths();
        if (k == 0) {
            return false;
        }
        if (top.size() < k) {
            return true;
        }
        PathWatchers w = top.peek();
        if (watchers != w.watchers()) {
            return watchers > w.watchers();
        }
        if (w != weakest) {
            weakest = w;
            weakestBytes = PathBytes.utf8(w.path());
        }
        return Arrays.compareUnsigned(group, 0, groupLength, weakestBytes, 0, weakestBytes.length) < 0;
    }

    /** Offers a by-path dump's path to the top-K; returns whether it is (for now) among the top paths. */
    private boolean offerTop(String path, long watchers) {
        int k = options.topPaths();
        if (top.size() < k) {
            top.add(new PathWatchers(path, watchers));
            return true;
        }
        PathWatchers weakestNow = top.peek();
        PathWatchers candidate = new PathWatchers(path, watchers);
        if (WatchDump.MOST_WATCHED_FIRST.compare(candidate, weakestNow) < 0) {
            top.poll();
            if (!options.trackedPaths().contains(weakestNow.path())) {
                pathSessions.remove(weakestNow.path());
            }
            top.add(candidate);
            return true;
        }
        return false;
    }
}
