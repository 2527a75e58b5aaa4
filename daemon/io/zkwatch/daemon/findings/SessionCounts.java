package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.WatchDump;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-session watch counts of one wchc dump in primitive arrays: the sessions with the most watches, at most a
 * cap, with the client host each had when the dump was digested. Shared by every frame that saw the same dump.
 */
public final class SessionCounts {

    private final Instant at;
    private final long[] ids;
    private final long[] watches;
    private final String[] hosts;
    private final int totalSessions;

    private SessionCounts(Instant at, long[] ids, long[] watches, String[] hosts, int totalSessions) {
        this.at = at;
        this.ids = ids;
        this.watches = watches;
        this.hosts = hosts;
        this.totalSessions = totalSessions;
    }

    /**
     * The {@code cap} sessions with the most watches of {@code dump}, read at {@code at}.
     *
     * @param hostBySession client host of each connected session; others get "unknown"
     */
    public static SessionCounts of(Instant at, WatchDump dump, Map<Long, String> hostBySession, int cap) {
        Objects.requireNonNull(at, "at");
        List<WatchDump.SessionWatches> kept = dump.sessions().values().stream()
                .sorted(Comparator.comparingLong(WatchDump.SessionWatches::watches).reversed()
                        .thenComparingLong(WatchDump.SessionWatches::sessionId))
                .limit(cap)
                .sorted(Comparator.comparingLong(WatchDump.SessionWatches::sessionId))
                .toList();
        long[] ids = new long[kept.size()];
        long[] counts = new long[kept.size()];
        String[] hosts = new String[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            ids[i] = kept.get(i).sessionId();
            counts[i] = kept.get(i).watches();
            hosts[i] = hostBySession.getOrDefault(ids[i], "unknown");
        }
        return new SessionCounts(at, ids, counts, hosts, dump.sessions().size());
    }

    /** When the dump was read. */
    public Instant at() {
        return at;
    }

    public int size() {
        return ids.length;
    }

    /** Sessions in the dump, including those beyond the cap. */
    public int totalSessions() {
        return totalSessions;
    }

    public long id(int i) {
        return ids[i];
    }

    public long watchesAt(int i) {
        return watches[i];
    }

    public String hostAt(int i) {
        return hosts[i];
    }

    /** The session's watch count, if it is among the kept sessions. */
    public OptionalLong watches(long sessionId) {
        int i = Arrays.binarySearch(ids, sessionId);
        return i >= 0 ? OptionalLong.of(watches[i]) : OptionalLong.empty();
    }

    public Optional<String> host(long sessionId) {
        int i = Arrays.binarySearch(ids, sessionId);
        return i >= 0 ? Optional.of(hosts[i]) : Optional.empty();
    }
}
