package io.zkwatch.collectors;

/**
 * Cross-checks a watch dump against the server's own summary taken just before and just after it.
 *
 * <p>A dump that was cut at a line boundary can look complete. {@code wchs} is cheap and counts the same data
 * watches, so a dump whose total lies clearly below both summaries lost lines. Watches come and go between the
 * three calls, so the dump may fall short of the smaller summary by a tolerance before it counts as cut.
 */
public final class WatchDumpCheck {

    /** Default slack: 5 % of the smaller summary, and at least 16 watches. */
    public static final double DEFAULT_FRACTION = 0.05;
    public static final long DEFAULT_MIN_SLACK = 16;

    private WatchDumpCheck() {
    }

    /** {@link #against(WatchSummary, WatchDump, WatchSummary, double, long)} with the default slack. */
    public static WatchDump against(WatchSummary before, WatchDump dump, WatchSummary after)
            throws CollectorException {
        return against(before, dump, after, DEFAULT_FRACTION, DEFAULT_MIN_SLACK);
    }

    /**
     * Returns the dump, or fails with {@link FailureKind#TRUNCATED} when its total is below
     * {@code min(before, after) - max(minSlack, fraction * min(before, after))}.
     */
    public static WatchDump against(WatchSummary before, WatchDump dump, WatchSummary after, double fraction,
                                    long minSlack) throws CollectorException {
        if (fraction < 0 || minSlack < 0) {
            throw new IllegalArgumentException("slack must not be negative");
        }
        long floor = Math.min(before.totalWatches(), after.totalWatches());
        long slack = Math.max(minSlack, (long) Math.ceil(fraction * floor));
        if (dump.totalWatches() < floor - slack) {
            throw new CollectorException(FailureKind.TRUNCATED, "watch dump holds " + dump.totalWatches()
                    + " watches but the summary said " + before.totalWatches() + " before and "
                    + after.totalWatches() + " after (allowed shortfall " + slack + ")");
        }
        return dump;
    }
}
