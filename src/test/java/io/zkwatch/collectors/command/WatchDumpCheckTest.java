package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpCheck;
import io.zkwatch.collectors.WatchSummary;
import org.junit.jupiter.api.Test;

class WatchDumpCheckTest {

    private final WatchDump dump21 =
            CollectorCatalog.defaults().wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "follower"));

    WatchDumpCheckTest() throws CollectorException {
    }

    private static WatchSummary total(long n) {
        return new WatchSummary(4, 16, n);
    }

    @Test
    void aDumpMatchingTheSummariesPasses() throws CollectorException {
        assertSame(dump21, WatchDumpCheck.against(total(21), dump21, total(21)));
    }

    @Test
    void churnWithinTheSlackPasses() throws CollectorException {
        assertSame(dump21, WatchDumpCheck.against(total(30), dump21, total(37)), "16 watches of slack");
        assertSame(dump21, WatchDumpCheck.against(total(21_000), dump21, total(19), 0.05, 16),
                "the smaller summary is the floor");
    }

    @Test
    void aDumpClearlyBelowBothSummariesIsTruncated() {
        CollectorException e = assertThrows(CollectorException.class,
                () -> WatchDumpCheck.against(total(1000), dump21, total(990)));
        assertEquals(FailureKind.TRUNCATED, e.kind());
        assertThrows(CollectorException.class, () -> WatchDumpCheck.against(total(40), dump21, total(40), 0, 0));
    }
}
