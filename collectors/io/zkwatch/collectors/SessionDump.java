package io.zkwatch.collectors;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Sessions and ephemerals from {@code dump} (4lw or AdminServer).
 *
 * <p>What a member knows depends on its session tracker. The leader (and a standalone server) tracks every
 * global session with its expiry; a follower or observer only mirrors the global sessions (4lw
 * {@code Global Sessions(N):}) and the AdminServer gives it no sessions at all. {@link #tracker()} says which
 * view this is, so the daemon can record a learner's dump as unavailable instead of as "no sessions".
 *
 * @param sessions the tracked sessions by id
 * @param ephemerals per session that owns ephemeral nodes: the exact count and a few sample paths
 */
public record SessionDump(Tracker tracker, Map<Long, TrackedSession> sessions, Map<Long, Ephemerals> ephemerals) {

    /** Which tracker produced the dump. */
    public enum Tracker {
        /** {@code Session Sets (n)/(m):}, or a non-empty AdminServer expiry map: the authoritative view. */
        LEADER_OR_STANDALONE,
        /** {@code Global Sessions(n):}: a follower's or observer's copy, without expiry. */
        LEARNER,
        /** An AdminServer dump with an empty expiry map: a learner, or a leader with no session at all. */
        UNKNOWN
    }

    /**
     * One session.
     *
     * @param timeoutMs given by the learner's listing only
     * @param local a local (not yet global) session, listed under {@code Local Session Sets}
     */
    public record TrackedSession(long sessionId, OptionalInt timeoutMs, boolean local) {
        public TrackedSession {
            Objects.requireNonNull(timeoutMs, "timeoutMs");
        }
    }

    /** The ephemeral nodes one session owns. */
    public record Ephemerals(long sessionId, long count, List<String> samplePaths) {
        public Ephemerals {
            samplePaths = List.copyOf(samplePaths);
            if (count < samplePaths.size()) {
                throw new IllegalArgumentException("fewer ephemerals than samples");
            }
        }
    }

    public SessionDump {
        Objects.requireNonNull(tracker, "tracker");
        sessions = Map.copyOf(sessions);
        ephemerals = Map.copyOf(ephemerals);
        sessions.forEach((id, s) -> {
            if (id != s.sessionId()) {
                throw new IllegalArgumentException("session map key differs from its entry");
            }
        });
        ephemerals.forEach((id, e) -> {
            if (id != e.sessionId()) {
                throw new IllegalArgumentException("ephemerals map key differs from its entry");
            }
        });
    }

    /** Whether this is the authoritative (leader or standalone) view of sessions. */
    public boolean authoritative() {
        return tracker == Tracker.LEADER_OR_STANDALONE;
    }

    public long totalEphemerals() {
        return ephemerals.values().stream().mapToLong(Ephemerals::count).sum();
    }
}
