package io.zkwatch.collectors;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How much of a watch dump is kept beyond the exact totals, bounding memory on servers with millions of watches.
 *
 * @param topPaths how many most-watched paths to keep (K of the top-K)
 * @param prefixDepth path segments kept when counting watches per prefix: at depth 2, {@code /probe/data/n0}
 *     counts towards {@code /probe/data}
 * @param samplePathsPerSession how many example paths to keep per session, for reports (chosen by a hash of the
 *     path, so the same watches give the same samples whichever dump lists them)
 * @param trackedPaths paths whose watching sessions are always kept ({@link WatchDump#pathSessions()}), whether
 *     or not they are among the top paths: {@code /zookeeper/config}, which a leaking Curator EnsembleTracker
 *     watches from every session it opens (CURATOR-710)
 * @param sessionsPerPath how many session ids to keep per top or tracked path (the smallest ids, so that every
 *     source keeps the same ones); the path's exact watcher count is kept regardless
 * @param exactPaths distinct paths a by-session dump counts exactly; past this, its top paths come from a
 *     frequent-items summary (Space-Saving estimates with a stated maximum overcount) and its distinct path count
 *     from a HyperLogLog sketch ({@link WatchDump.Accuracy}). Bounds the parser's memory to about 110 bytes plus
 *     the path length per path (50,000 paths of 60 bytes: about 9 MB while parsing; nothing of it stays in the
 *     result)
 * @param exactPrefixes distinct path prefixes counted exactly (either order); past this, the heaviest prefixes
 *     are kept by the same summary and the rest is summed in {@link WatchDump#otherPrefixWatches()}. Bounds the
 *     parser's memory the same way, and the result's {@link WatchDump#watchesByPrefix()} to this many entries
 *     (10,000 prefixes of 40 bytes: about 1.5 MB per dump held in a snapshot)
 */
public record WatchDumpOptions(int topPaths, int prefixDepth, int samplePathsPerSession, Set<String> trackedPaths,
                               int sessionsPerPath, int exactPaths, int exactPrefixes) {

    /** The ensemble-configuration znode: every Curator client with an EnsembleTracker watches it. */
    public static final String CONFIG_NODE = "/zookeeper/config";
    public static final int DEFAULT_SESSIONS_PER_PATH = 1000;
    public static final int DEFAULT_EXACT_PATHS = 50_000;
    public static final int DEFAULT_EXACT_PREFIXES = 10_000;

    public WatchDumpOptions {
        if (topPaths < 0 || samplePathsPerSession < 0 || sessionsPerPath < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (exactPaths < 1 || exactPrefixes < 1) {
            throw new IllegalArgumentException("exactPaths and exactPrefixes must be at least 1");
        }
        if (prefixDepth < 1) {
            throw new IllegalArgumentException("prefixDepth must be at least 1");
        }
        trackedPaths = Set.copyOf(Objects.requireNonNull(trackedPaths, "trackedPaths"));
    }

    /**
     * The sample paths a parser keeps for a session that watches {@code paths}: the
     * {@link #samplePathsPerSession()} with the smallest {@link PathHash} (ties by their bytes), in path order.
     */
    public List<String> samplePathsOf(Collection<String> paths) {
        Comparator<byte[]> byHash = Comparator.<byte[]>comparingLong(b -> PathHash.of(b, 0, b.length))
                .thenComparing(Arrays::compareUnsigned);
        return paths.stream().distinct().map(p -> p.getBytes(StandardCharsets.UTF_8)).sorted(byHash)
                .limit(samplePathsPerSession).map(b -> new String(b, StandardCharsets.UTF_8)).sorted().toList();
    }

    /** The default exact caps ({@link #DEFAULT_EXACT_PATHS}, {@link #DEFAULT_EXACT_PREFIXES}). */
    public WatchDumpOptions(int topPaths, int prefixDepth, int samplePathsPerSession, Set<String> trackedPaths,
                            int sessionsPerPath) {
        this(topPaths, prefixDepth, samplePathsPerSession, trackedPaths, sessionsPerPath, DEFAULT_EXACT_PATHS,
                DEFAULT_EXACT_PREFIXES);
    }

    /** Tracks {@link #CONFIG_NODE} and keeps up to {@link #DEFAULT_SESSIONS_PER_PATH} sessions per path. */
    public WatchDumpOptions(int topPaths, int prefixDepth, int samplePathsPerSession) {
        this(topPaths, prefixDepth, samplePathsPerSession, Set.of(CONFIG_NODE), DEFAULT_SESSIONS_PER_PATH);
    }

    /** A copy with other exact caps. */
    public WatchDumpOptions withExactCaps(int paths, int prefixes) {
        return new WatchDumpOptions(topPaths, prefixDepth, samplePathsPerSession, trackedPaths, sessionsPerPath,
                paths, prefixes);
    }

    /** Top 20 paths, prefixes at depth 2, 5 sample paths per session, {@code /zookeeper/config} tracked. */
    public static WatchDumpOptions defaults() {
        return new WatchDumpOptions(20, 2, 5);
    }

    /**
     * The prefix of {@code path} at {@link #prefixDepth()} segments; a shorter path is its own prefix, and
     * {@code /} stays {@code /}.
     */
    public String prefixOf(String path) {
        return path.substring(0, prefixLength(path));
    }

    /** The length of {@link #prefixOf}{@code (path)}, without making it: for callers that intern prefixes. */
    public int prefixLength(String path) {
        int seen = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++seen == prefixDepth) {
                return i;
            }
        }
        return path.length();
    }
}
