package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchCollectorsTest {

    private final WatchesBySessionCollector wchc =
            new WatchesBySessionCollector(ParseOptions.defaults(), WatchDumpOptions.defaults());
    private final WatchesByPathCollector wchp =
            new WatchesByPathCollector(ParseOptions.defaults(), WatchDumpOptions.defaults());

    @Test
    void countsEachSessionsWatchesFromWchc() throws CollectorException {
        WatchDump dump = wchc.parse(Fixtures.fourLetter("3.9.6", "wchc", "follower"));
        assertEquals(21, dump.totalWatches());
        assertEquals(11, dump.sessions().get(0x100007499e30000L).watches());
        assertEquals(16, dump.distinctPaths());
        assertEquals(new WatchDump.PathWatchers("/probe/data/n0", 2), dump.topPaths().get(0));
        System.out.println(dump);
    }

    @Test
    void readsTheSameDumpFromAdminWatches() throws CollectorException {
        WatchDump four = wchc.parse(Fixtures.fourLetter("3.9.6", "wchc", "follower"));
        WatchDump json = wchc.parse(Fixtures.admin("3.9.6", "watches", "follower"));
        assertEquals(four, json);
        WatchDump p4 = wchp.parse(Fixtures.fourLetter("3.9.6", "wchp", "follower"));
        WatchDump pj = wchp.parse(Fixtures.admin("3.9.6", "watches_by_path", "follower"));
        assertEquals(p4, pj);
        System.out.println(p4);
    }

    @Test
    void refusesTheWhitelistText() {
        CollectorException e = assertThrows(CollectorException.class,
                () -> wchc.parse(Fixtures.fourLetter("3.9.6", "wchc", "not-whitelisted")));
        assertEquals(FailureKind.NOT_WHITELISTED, e.kind());
        assertEquals(List.of(), List.of());
    }
}
