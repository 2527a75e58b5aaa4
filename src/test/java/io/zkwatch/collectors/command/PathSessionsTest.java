package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDump.PathSessions;
import io.zkwatch.collectors.WatchDumpOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which sessions watch a top or tracked path: the input of the per-host watch-pattern findings. */
class PathSessionsTest {

    private static final String BY_PATH = """
            /a
            \t0x5
            \t0x3
            \t0x4
            /zookeeper/config
            \t0x9
            \t0x1
            /b
            \t0x3
            \t0x4
            /c
            \t0x7

            """;
    private static final String BY_SESSION = """
            0x9
            \t/zookeeper/config
            \t/c
            0x1
            \t/zookeeper/config
            0x3
            \t/a

            """;

    @Test
    void byPathDumpKeepsTheSessionsOfTopPathsAndTrackedPathsOnly() throws CollectorException {
        WatchDumpOptions options = new WatchDumpOptions(2, 1, 2, Set.of("/zookeeper/config"), 2);
        WatchDump d = new WatchesByPathCollector(ParseOptions.defaults(), options)
                .parse(Fixtures.reply(Command.WCHP, ReplyFormat.FOUR_LETTER, BY_PATH));
        assertEquals(List.of("/a", "/b"), d.topPaths().stream().map(WatchDump.PathWatchers::path).toList());
        assertEquals(Map.of(
                "/a", new PathSessions(3, List.of(3L, 4L)),
                "/b", new PathSessions(2, List.of(3L, 4L)),
                "/zookeeper/config", new PathSessions(2, List.of(1L, 9L))), d.pathSessions(),
                "the path that fell out of the top (/zookeeper/config) is kept because it is tracked; /c is not kept");
        assertTrue(d.pathSessions().get("/a").capped(), "three watchers, two ids kept");
        assertFalse(d.pathSessions().get("/b").capped());
    }

    @Test
    void bySessionDumpKeepsTheSessionsOfTrackedPaths() throws CollectorException {
        WatchDump d = new WatchesBySessionCollector(ParseOptions.defaults(), WatchDumpOptions.defaults())
                .parse(Fixtures.reply(Command.WCHC, ReplyFormat.FOUR_LETTER, BY_SESSION));
        assertEquals(Map.of("/zookeeper/config", new PathSessions(2, List.of(1L, 9L))), d.pathSessions());
    }

    @Test
    void fourLetterAndAdminByPathDumpsKeepTheSameSessions() throws CollectorException {
        var wchp = new WatchesByPathCollector(ParseOptions.defaults(), new WatchDumpOptions(3, 1, 2, Set.of(), 2));
        WatchDump four = wchp.parse(Fixtures.fourLetter("3.9.6", "wchp", "follower"));
        WatchDump json = wchp.parse(Fixtures.admin("3.9.6", "watches_by_path", "follower"));
        assertEquals(3, four.pathSessions().size());
        assertEquals(four.pathSessions(), json.pathSessions());
    }
}
