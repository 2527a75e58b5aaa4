package io.zkwatch.daemon.poll;

import java.time.Duration;
import java.util.Objects;

/**
 * How one ensemble is polled. Resolved from the configuration (defaults already applied).
 *
 * @param pollInterval cadence of the cheap commands (mntr, srvr, conf, wchs, cons, isro)
 * @param dumpInterval base cadence of the expensive dumps (wchc, wchp, dump), stretched for large servers
 * @param dumpJitter fraction (0..0.5) by which each dump interval is randomly shortened or lengthened
 * @param dumpMinInterval no member is dumped more often than this
 * @param dumps whether dumps run at all
 * @param dumpMaxWatches dumps are skipped when {@code wchs} reports more watches, unless {@code allowLargeDumps}
 * @param discover whether to poll members found in the ensemble's own membership
 */
public record PollSettings(Duration pollInterval, Duration dumpInterval, double dumpJitter, Duration dumpMinInterval,
                           boolean dumps, long dumpMaxWatches, boolean allowLargeDumps, SourceMode source,
                           boolean discover) {

    public PollSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(dumpInterval, "dumpInterval");
        Objects.requireNonNull(dumpMinInterval, "dumpMinInterval");
        Objects.requireNonNull(source, "source");
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (dumpJitter < 0 || dumpJitter > 0.5) {
            throw new IllegalArgumentException("dumpJitter must be within 0..0.5");
        }
    }

    /**
     * The dump interval for a member holding {@code watches} data watches. Larger servers are dumped less often,
     * because the dump costs them lock time and garbage: the base interval up to 250k watches, then growing with
     * the square root of the watch count, at most six times the base (e.g. 1M watches: 2x, 9M: 6x).
     */
    public Duration dumpIntervalFor(long watches) {
        double factor = Math.min(6.0, Math.max(1.0, Math.sqrt(watches / 250_000.0)));
        Duration scaled = Duration.ofMillis((long) (dumpInterval.toMillis() * factor));
        return scaled.compareTo(dumpMinInterval) < 0 ? dumpMinInterval : scaled;
    }
}
