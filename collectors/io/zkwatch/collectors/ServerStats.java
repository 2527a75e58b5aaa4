package io.zkwatch.collectors;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The summary of {@code srvr} (4lw) or {@code server_stats} (AdminServer).
 *
 * @param version the full version string, e.g. {@code 3.9.6-<sha>, built on ...}
 * @param latencyAvg a double since 3.6; 3.5 printed a truncated integer, kept as given
 * @param outstanding absent when the server has no stats provider (then ZooKeeper prints neither it nor zxid)
 * @param zxid the last processed zxid
 * @param nodeCount znodes in the data tree
 */
public record ServerStats(String version, long latencyMin, double latencyAvg, long latencyMax, long received,
                          long sent, long connections, OptionalLong outstanding, OptionalLong zxid,
                          ServerMode mode, long nodeCount) {
    public ServerStats {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(outstanding, "outstanding");
        Objects.requireNonNull(zxid, "zxid");
        Objects.requireNonNull(mode, "mode");
        if (latencyMin < 0 || latencyMax < 0 || received < 0 || sent < 0 || connections < 0 || nodeCount < 0
                || Double.isNaN(latencyAvg) || latencyAvg < 0) {
            throw new IllegalArgumentException("negative counter");
        }
    }
}
