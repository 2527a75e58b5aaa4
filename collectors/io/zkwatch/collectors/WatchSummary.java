package io.zkwatch.collectors;

/**
 * {@code wchs} (4lw) or {@code watch_summary} (AdminServer): the data-watch table's own counts.
 *
 * <p>Data watches only: {@code mntr}'s {@code watch_count} also counts child watches and is larger.
 *
 * @param connections watchers (connections) known to the watch manager, including ones whose paths have all fired
 * @param paths distinct watched paths
 * @param totalWatches (connection, path) pairs
 */
public record WatchSummary(long connections, long paths, long totalWatches) {
    public WatchSummary {
        if (connections < 0 || paths < 0 || totalWatches < 0) {
            throw new IllegalArgumentException("negative watch count");
        }
    }
}
