package io.zkwatch.daemon.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Every threshold of the findings, in one place, with the defaults documented in {@code docs/findings.md}. Set
 * per ensemble under {@code findings:} (in {@code defaults:} or an ensemble), key by key.
 *
 * <p>The defaults are chosen so that a healthy production ensemble raises nothing: a finding should be worth
 * waking someone for, or at least worth a ticket.
 *
 * @param historyWindow how far back the detectors look (the ring of snapshots kept per ensemble); growth trends
 *     are fitted over it and an orphan's grace must fit in it
 * @param maxSubjects the most series one finding kind exports per server (hosts, sessions); the rest are in the API
 * @param skewRatio a member holding more than this multiple of its fair share (1/members) of connections or
 *     watches is skewed
 * @param skewMinConnections the ensemble needs at least this many session connections for connection skew
 * @param skewMinWatches the ensemble needs at least this many watches for watch skew
 * @param skewMinPolls the skew must hold over this many consecutive polls of the member
 * @param orphanMinObservations a closed session must hold watches in this many consecutive dumps
 * @param orphanGrace when set, the grace of every member, instead of the one sized from its watch manager
 * @param orphanGraceMargin added to the sized grace to cover poll jitter
 * @param growthMinPoints readings needed before a growth trend is reported
 * @param growthMinSpan the readings must span at least this long
 * @param growthMinFit least-squares R² the trend must reach: steady growth, not noise
 * @param growthRelativePerDay the 24 h projected increase must be at least this fraction of the current value
 * @param growthMinWatchesPerDay ... and at least this many watches
 * @param growthMinDataBytesPerDay ... or this many bytes of approximate data size
 * @param growthMinZnodesPerDay ... or this many znodes
 * @param growthMinHeapBytesPerDay ... or this many bytes of used heap
 * @param sessionGrowthMinDumps a session's watch count must rise over this many consecutive dumps
 * @param sessionGrowthMinIncrease ... by at least this many watches in all
 * @param pathPatternMinSessions sessions of one host watching one path, at least
 * @param pathPatternMinIncrease ... having grown by at least this many over the window
 * @param configWatchMaxSessions sessions of one host watching {@code /zookeeper/config} above this are a leak
 * @param connectionLeakMaxSessions sessions from one client host above this are a leak whatever the trend
 * @param connectionLeakMinIncrease sessions from one host that rose steadily by this many are a leak
 * @param connectionLeakMinPoints readings needed for that trend
 */
public record FindingThresholds(
        Duration historyWindow,
        int maxSubjects,
        double skewRatio,
        long skewMinConnections,
        long skewMinWatches,
        int skewMinPolls,
        int orphanMinObservations,
        Optional<Duration> orphanGrace,
        Duration orphanGraceMargin,
        int growthMinPoints,
        Duration growthMinSpan,
        double growthMinFit,
        double growthRelativePerDay,
        long growthMinWatchesPerDay,
        long growthMinDataBytesPerDay,
        long growthMinZnodesPerDay,
        long growthMinHeapBytesPerDay,
        int sessionGrowthMinDumps,
        long sessionGrowthMinIncrease,
        long pathPatternMinSessions,
        long pathPatternMinIncrease,
        long configWatchMaxSessions,
        long connectionLeakMaxSessions,
        long connectionLeakMinIncrease,
        int connectionLeakMinPoints) {

    public static final Duration HISTORY_WINDOW_MAX = Duration.ofDays(1);

    public FindingThresholds {
        Objects.requireNonNull(historyWindow, "historyWindow");
        Objects.requireNonNull(orphanGrace, "orphanGrace");
        Objects.requireNonNull(orphanGraceMargin, "orphanGraceMargin");
        Objects.requireNonNull(growthMinSpan, "growthMinSpan");
        Problems p = new Problems();
        p.check(historyWindow.compareTo(Duration.ofMinutes(1)) >= 0
                && historyWindow.compareTo(HISTORY_WINDOW_MAX) <= 0, "history_window",
                Durations.format(historyWindow) + " is out of range (must be 1m-1d)");
        p.check(maxSubjects >= 1 && maxSubjects <= 1000, "max_subjects", maxSubjects + " is out of range (must be 1-1000)");
        p.check(skewRatio > 1.0, "skew_ratio", skewRatio + " is out of range (must be above 1)");
        p.check(skewMinConnections >= 1, "skew_min_connections", skewMinConnections + " must be at least 1");
        p.check(skewMinWatches >= 1, "skew_min_watches", skewMinWatches + " must be at least 1");
        p.check(skewMinPolls >= 1, "skew_min_polls", skewMinPolls + " must be at least 1");
        p.check(orphanMinObservations >= 2, "orphan_min_observations", orphanMinObservations
                + " must be at least 2 (one dump alone cannot tell a closed session from a race)");
        orphanGrace.ifPresent(g -> p.check(!g.isNegative() && !g.isZero(), "orphan_grace",
                Durations.format(g) + " must be positive"));
        p.check(!orphanGraceMargin.isNegative(), "orphan_grace_margin", "must not be negative");
        p.check(growthMinPoints >= 3, "growth_min_points", growthMinPoints + " must be at least 3");
        p.check(growthMinSpan.compareTo(Duration.ofSeconds(1)) >= 0 && growthMinSpan.compareTo(historyWindow) <= 0,
                "growth_min_span", Durations.format(growthMinSpan) + " must be between 1s and history_window");
        p.check(growthMinFit >= 0 && growthMinFit <= 1, "growth_min_fit", growthMinFit + " is out of range (0-1)");
        p.check(growthRelativePerDay >= 0, "growth_relative_per_day", "must not be negative");
        p.check(growthMinWatchesPerDay >= 1, "growth_min_watches_per_day", "must be at least 1");
        p.check(growthMinDataBytesPerDay >= 1, "growth_min_data_bytes_per_day", "must be at least 1");
        p.check(growthMinZnodesPerDay >= 1, "growth_min_znodes_per_day", "must be at least 1");
        p.check(growthMinHeapBytesPerDay >= 1, "growth_min_heap_bytes_per_day", "must be at least 1");
        p.check(sessionGrowthMinDumps >= 2, "session_growth_min_dumps", sessionGrowthMinDumps + " must be at least 2");
        p.check(sessionGrowthMinIncrease >= 1, "session_growth_min_increase", "must be at least 1");
        p.check(pathPatternMinSessions >= 1, "path_pattern_min_sessions", "must be at least 1");
        p.check(pathPatternMinIncrease >= 1, "path_pattern_min_increase", "must be at least 1");
        p.check(configWatchMaxSessions >= 1, "config_watch_max_sessions", "must be at least 1");
        p.check(connectionLeakMaxSessions >= 1, "connection_leak_max_sessions", "must be at least 1");
        p.check(connectionLeakMinIncrease >= 1, "connection_leak_min_increase", "must be at least 1");
        p.check(connectionLeakMinPoints >= 3, "connection_leak_min_points", connectionLeakMinPoints
                + " must be at least 3");
        p.throwIfAny();
    }

    /** The documented defaults. */
    public static FindingThresholds defaults() {
        return new FindingThresholds(Duration.ofHours(1), 10, 2.0, 20, 1000, 3, 2, Optional.empty(),
                Duration.ofSeconds(30), 5, Duration.ofMinutes(15), 0.8, 0.5, 10_000, 64L << 20, 10_000, 256L << 20,
                4, 500, 20, 10, 10, 1000, 50, 4);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with some values changed; {@link #build()} validates the whole. */
    public static final class Builder {
        private Duration historyWindow;
        private int maxSubjects;
        private double skewRatio;
        private long skewMinConnections;
        private long skewMinWatches;
        private int skewMinPolls;
        private int orphanMinObservations;
        private Optional<Duration> orphanGrace;
        private Duration orphanGraceMargin;
        private int growthMinPoints;
        private Duration growthMinSpan;
        private double growthMinFit;
        private double growthRelativePerDay;
        private long growthMinWatchesPerDay;
        private long growthMinDataBytesPerDay;
        private long growthMinZnodesPerDay;
        private long growthMinHeapBytesPerDay;
        private int sessionGrowthMinDumps;
        private long sessionGrowthMinIncrease;
        private long pathPatternMinSessions;
        private long pathPatternMinIncrease;
        private long configWatchMaxSessions;
        private long connectionLeakMaxSessions;
        private long connectionLeakMinIncrease;
        private int connectionLeakMinPoints;

        private Builder(FindingThresholds t) {
            historyWindow = t.historyWindow;
            maxSubjects = t.maxSubjects;
            skewRatio = t.skewRatio;
            skewMinConnections = t.skewMinConnections;
            skewMinWatches = t.skewMinWatches;
            skewMinPolls = t.skewMinPolls;
            orphanMinObservations = t.orphanMinObservations;
            orphanGrace = t.orphanGrace;
            orphanGraceMargin = t.orphanGraceMargin;
            growthMinPoints = t.growthMinPoints;
            growthMinSpan = t.growthMinSpan;
            growthMinFit = t.growthMinFit;
            growthRelativePerDay = t.growthRelativePerDay;
            growthMinWatchesPerDay = t.growthMinWatchesPerDay;
            growthMinDataBytesPerDay = t.growthMinDataBytesPerDay;
            growthMinZnodesPerDay = t.growthMinZnodesPerDay;
            growthMinHeapBytesPerDay = t.growthMinHeapBytesPerDay;
            sessionGrowthMinDumps = t.sessionGrowthMinDumps;
            sessionGrowthMinIncrease = t.sessionGrowthMinIncrease;
            pathPatternMinSessions = t.pathPatternMinSessions;
            pathPatternMinIncrease = t.pathPatternMinIncrease;
            configWatchMaxSessions = t.configWatchMaxSessions;
            connectionLeakMaxSessions = t.connectionLeakMaxSessions;
            connectionLeakMinIncrease = t.connectionLeakMinIncrease;
            connectionLeakMinPoints = t.connectionLeakMinPoints;
        }

        public Builder historyWindow(Duration v) { historyWindow = v; return this; }
        public Builder maxSubjects(int v) { maxSubjects = v; return this; }
        public Builder skewRatio(double v) { skewRatio = v; return this; }
        public Builder skewMinConnections(long v) { skewMinConnections = v; return this; }
        public Builder skewMinWatches(long v) { skewMinWatches = v; return this; }
        public Builder skewMinPolls(int v) { skewMinPolls = v; return this; }
        public Builder orphanMinObservations(int v) { orphanMinObservations = v; return this; }
        public Builder orphanGrace(Optional<Duration> v) { orphanGrace = v; return this; }
        public Builder orphanGraceMargin(Duration v) { orphanGraceMargin = v; return this; }
        public Builder growthMinPoints(int v) { growthMinPoints = v; return this; }
        public Builder growthMinSpan(Duration v) { growthMinSpan = v; return this; }
        public Builder growthMinFit(double v) { growthMinFit = v; return this; }
        public Builder growthRelativePerDay(double v) { growthRelativePerDay = v; return this; }
        public Builder growthMinWatchesPerDay(long v) { growthMinWatchesPerDay = v; return this; }
        public Builder growthMinDataBytesPerDay(long v) { growthMinDataBytesPerDay = v; return this; }
        public Builder growthMinZnodesPerDay(long v) { growthMinZnodesPerDay = v; return this; }
        public Builder growthMinHeapBytesPerDay(long v) { growthMinHeapBytesPerDay = v; return this; }
        public Builder sessionGrowthMinDumps(int v) { sessionGrowthMinDumps = v; return this; }
        public Builder sessionGrowthMinIncrease(long v) { sessionGrowthMinIncrease = v; return this; }
        public Builder pathPatternMinSessions(long v) { pathPatternMinSessions = v; return this; }
        public Builder pathPatternMinIncrease(long v) { pathPatternMinIncrease = v; return this; }
        public Builder configWatchMaxSessions(long v) { configWatchMaxSessions = v; return this; }
        public Builder connectionLeakMaxSessions(long v) { connectionLeakMaxSessions = v; return this; }
        public Builder connectionLeakMinIncrease(long v) { connectionLeakMinIncrease = v; return this; }
        public Builder connectionLeakMinPoints(int v) { connectionLeakMinPoints = v; return this; }

        public FindingThresholds build() {
            return new FindingThresholds(historyWindow, maxSubjects, skewRatio, skewMinConnections, skewMinWatches,
                    skewMinPolls, orphanMinObservations, orphanGrace, orphanGraceMargin, growthMinPoints,
                    growthMinSpan, growthMinFit, growthRelativePerDay, growthMinWatchesPerDay,
                    growthMinDataBytesPerDay, growthMinZnodesPerDay, growthMinHeapBytesPerDay, sessionGrowthMinDumps,
                    sessionGrowthMinIncrease, pathPatternMinSessions, pathPatternMinIncrease, configWatchMaxSessions,
                    connectionLeakMaxSessions, connectionLeakMinIncrease, connectionLeakMinPoints);
        }
    }
}
