package io.zkwatch.collectors;

/**
 * How much of a watch dump is kept beyond the exact totals, bounding memory on servers with millions of watches.
 *
 * @param topPaths how many most-watched paths to keep (K of the top-K)
 * @param prefixDepth path segments kept when counting watches per prefix: at depth 2, {@code /probe/data/n0}
 *     counts towards {@code /probe/data}
 * @param samplePathsPerSession how many example paths to keep per session, for reports
 */
public record WatchDumpOptions(int topPaths, int prefixDepth, int samplePathsPerSession) {
    public WatchDumpOptions {
        if (topPaths < 0 || samplePathsPerSession < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (prefixDepth < 1) {
            throw new IllegalArgumentException("prefixDepth must be at least 1");
        }
    }

    /** Top 20 paths, prefixes at depth 2, 5 sample paths per session. */
    public static WatchDumpOptions defaults() {
        return new WatchDumpOptions(20, 2, 5);
    }

    /**
     * The prefix of {@code path} at {@link #prefixDepth()} segments; a shorter path is its own prefix, and
     * {@code /} stays {@code /}.
     */
    public String prefixOf(String path) {
        int seen = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++seen == prefixDepth) {
                return path.substring(0, i);
            }
        }
        return path;
    }
}
