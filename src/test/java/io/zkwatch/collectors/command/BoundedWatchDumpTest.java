package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.bench.jmh.GeneratedDumps;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.transport.Spools;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dumps with far more distinct paths and prefixes than the exact caps: totals and sessions stay exact, the top
 * paths are the true ones within the stated overcount, distinct counts are within the sketch's error, prefix
 * counts plus the remainder add up to the total, and no more prefixes are kept than the cap.
 */
class BoundedWatchDumpTest {

    private static final int WATCHES = 100_000;
    private static final GeneratedDumps DUMPS = new GeneratedDumps(WATCHES);
    /** 33,333 paths against a cap of 2,000; 1,000 tenant prefixes against a cap of 100. */
    private static final WatchDumpOptions CAPPED = WatchDumpOptions.defaults().withExactCaps(2_000, 100);

    private static WatchDump parse(Command command, byte[] bytes) throws CollectorException {
        Reply reply = new Reply(command, ReplyFormat.FOUR_LETTER, Spools.of(bytes), Duration.ZERO);
        return command == Command.WCHC
                ? new WatchesBySessionCollector(ParseOptions.defaults(), CAPPED).parse(reply)
                : new WatchesByPathCollector(ParseOptions.defaults(), CAPPED).parse(reply);
    }

    @Test
    void aBySessionDumpPastThePathCapFindsTheTrueTopPathsWithinTheStatedOvercount() throws CollectorException {
        WatchDump d = parse(Command.WCHC, DUMPS.wchc());
        assertEquals(WATCHES, d.totalWatches(), "the total stays exact");
        assertEquals(DUMPS.sessions(), d.distinctSessions());
        assertTrue(d.sessions().values().stream().allMatch(s -> s.watches() == 200), "per-session counts exact");
        assertFalse(d.accuracy().topPathsExact());
        assertFalse(d.accuracy().distinctPathsExact());
        long overcount = d.accuracy().topPathsMaxOvercount();
        assertTrue(overcount > 0 && overcount <= WATCHES / (2_000 / 2 + 1), "overcount " + overcount);
        List<WatchDump.PathWatchers> top = d.topPaths();
        for (int i = 0; i < 10; i++) {
            assertEquals(GeneratedDumps.path(i), top.get(i).path(), "rank " + i);
            long truth = DUMPS.watchersOf(i);
            assertTrue(truth <= top.get(i).watchers() && top.get(i).watchers() <= truth + overcount,
                    top.get(i) + " against the true " + truth);
        }
        assertEquals(DUMPS.watchedPaths(), d.distinctPaths(),
                3 * WatchDump.Accuracy.DISTINCT_RELATIVE_ERROR * DUMPS.watchedPaths());
    }

    @Test
    void prefixesPastTheirCapStayBoundedAndAddUpToTheTotal() throws CollectorException {
        for (Command command : List.of(Command.WCHC, Command.WCHP)) {
            WatchDump d = parse(command, command == Command.WCHC ? DUMPS.wchc() : DUMPS.wchp());
            assertFalse(d.accuracy().prefixesExact(), command.label());
            assertTrue(d.watchesByPrefix().size() <= 100, command.label() + ": at most the cap is kept");
            long listed = d.watchesByPrefix().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(d.totalWatches(), listed + d.otherPrefixWatches(), command.label());
            assertEquals(GeneratedDumps.TENANTS, d.distinctPrefixes(),
                    3 * WatchDump.Accuracy.DISTINCT_RELATIVE_ERROR * GeneratedDumps.TENANTS);
            assertTrue(d.accuracy().prefixMaxUndercount() <= WATCHES / (100 / 2 + 1));
        }
    }

    @Test
    void aByPathDumpKeepsExactTopPathsWhateverItsSize() throws CollectorException {
        WatchDump d = parse(Command.WCHP, DUMPS.wchp());
        assertTrue(d.accuracy().topPathsExact());
        assertTrue(d.accuracy().distinctPathsExact());
        assertEquals(DUMPS.watchedPaths(), d.distinctPaths());
        for (int i = 0; i < 20; i++) {
            assertEquals(DUMPS.watchersOf(i), d.topPaths().get(i).watchers());
        }
    }
}
