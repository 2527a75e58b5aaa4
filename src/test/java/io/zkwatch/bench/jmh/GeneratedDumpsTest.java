package io.zkwatch.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark input is honest: the generated replies parse, with zkwatch's collectors and with the naive
 * parser, back to the counts the generator meant, so the benchmarks measure real parsing of valid replies.
 */
class GeneratedDumpsTest {

    private static final int WATCHES = 40_000;
    private final GeneratedDumps dumps = new GeneratedDumps(WATCHES);
    private final CollectorCatalog collectors =
            CollectorCatalog.create(ParseOptions.defaults(), WatchDumpOptions.defaults());

    private static Reply reply(Command command, byte[] bytes) {
        return new Reply(command, ReplyFormat.FOUR_LETTER, new ArraySpool(bytes), Duration.ZERO);
    }

    @Test
    void wchcAndWchpParseBackToTheGeneratedCounts() throws CollectorException {
        WatchDump bySession = collectors.wchc().parse(reply(Command.WCHC, dumps.wchc()));
        WatchDump byPath = collectors.wchp().parse(reply(Command.WCHP, dumps.wchp()));
        for (WatchDump d : List.of(bySession, byPath)) {
            assertEquals(WATCHES, d.totalWatches());
            assertEquals(WATCHES / 200, d.distinctSessions());
            assertEquals(dumps.watchedPaths(), d.distinctPaths());
            assertTrue(d.accuracy().exact(), "40k watches stay under the exact caps");
            assertEquals(200, d.sessions().get(dumps.sessionId(7)).watches());
            List<String> hottest = IntStream.range(0, 3).mapToObj(GeneratedDumps::path).toList();
            assertEquals(hottest, d.topPaths().subList(0, 3).stream().map(WatchDump.PathWatchers::path).toList());
            assertEquals(dumps.sessions(), d.topPaths().get(0).watchers(), "every session watches the hottest path");
            assertEquals(dumps.watchersOf(5), d.topPaths().get(5).watchers());
            assertEquals(GeneratedDumps.TENANTS, d.distinctPrefixes());
        }
        assertEquals(bySession.sessions(), byPath.sessions(), "both orders of one server agree per session");
        assertEquals(bySession.watchesByPrefix(), byPath.watchesByPrefix());
    }

    @Test
    void theNaiveParserAgreesOnTheSameBytes() {
        NaiveParsers.Counts naive = NaiveParsers.wchc(new String(dumps.wchc(), StandardCharsets.UTF_8));
        NaiveParsers.Counts naiveByPath = NaiveParsers.wchp(new String(dumps.wchp(), StandardCharsets.UTF_8));
        for (NaiveParsers.Counts n : List.of(naive, naiveByPath)) {
            assertEquals(WATCHES, n.total());
            assertEquals(dumps.sessions(), n.perSession().size());
            assertEquals(dumps.watchedPaths(), n.perPath().size());
            assertEquals(GeneratedDumps.path(0), n.top().get(0).getKey());
            assertEquals(GeneratedDumps.TENANTS, n.perPrefix().size());
        }
    }

    @Test
    void consAndMntrParse() throws CollectorException {
        Connections cons = collectors.cons().parse(reply(Command.CONS, dumps.cons()));
        assertEquals(dumps.sessions() + 1, cons.connections().size(), "every session plus the querying socket");
        assertEquals(dumps.sessions(), NaiveParsers.cons(new String(dumps.cons(), StandardCharsets.UTF_8)).stream()
                .filter(f -> f.containsKey("sid")).count());
        MonitorStats mntr = collectors.mntr().parse(reply(Command.MNTR, GeneratedDumps.mntr(12345)));
        assertEquals("follower", mntr.mode().text());
        assertEquals(12345L, mntr.integer("watch_count").getAsLong());
    }
}
