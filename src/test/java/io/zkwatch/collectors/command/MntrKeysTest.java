package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.ReplyFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The known-key table of {@code mntr} and the map the parser hands to {@link MonitorStats} without a copy: a known
 * key costs no String, and the values are exactly what the line-by-line map plus the validating constructor gave
 * before, unknown keys, look-alikes of known keys, non-ASCII text and odd prefixes included.
 */
class MntrKeysTest {

    private final MntrCollector mntr = new MntrCollector(io.zkwatch.collectors.ParseOptions.defaults());

    @Test
    void tableFindsEveryKeyByItsBytesAndNothingOneByteOff() {
        List<String> keys = MntrKeys.keys();
        assertEquals(new LinkedHashSet<>(keys).size(), MntrKeys.TABLE.size());
        assertTrue(MntrKeys.TABLE.size() > 400, "3.9 prints about 500 keys");
        for (String key : keys) {
            byte[] line = ("zk_" + key + "\tx").getBytes(StandardCharsets.US_ASCII);
            int end = 3 + key.length();
            assertSame(lookup(key), MntrKeys.TABLE.get(line, 3, end), key);
            String shorter = key.substring(0, key.length() - 1);
            assertEquals(keys.contains(shorter) ? shorter : "", MntrKeys.TABLE.get(line, 3, end - 1), shorter);
            assertEquals("", MntrKeys.TABLE.get(line, 3, end + 1), key + " plus the tab");
            assertEquals("", MntrKeys.TABLE.get(line, 0, end), "zk_" + key);
        }
        assertEquals("", MntrKeys.TABLE.get(new byte[0], 0, 0));
    }

    private static String lookup(String key) {
        byte[] b = key.getBytes(StandardCharsets.US_ASCII);
        return MntrKeys.TABLE.get(b, 0, b.length);
    }

    @Test
    void knownKeysAreTheTablesStringsSoASecondReplyMakesNone() throws CollectorException {
        MonitorStats first = parse(Fixtures.fourLetter("3.9.5", "mntr", "leader"));
        MonitorStats second = parse(Fixtures.fourLetter("3.9.5", "mntr", "leader"));
        List<String> a = List.copyOf(first.values().keySet());
        List<String> b = List.copyOf(second.values().keySet());
        assertEquals(a, b);
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (MntrKeys.keys().contains(a.get(i))) {
                assertSame(a.get(i), b.get(i));
                same++;
            }
        }
        assertTrue(same > 400, same + " known keys");
        assertSame(lookup("version"), a.get(0));
    }

    @Test
    void unknownKeysAndLookAlikesOfKnownOnesAreKeptAsWritten() throws CollectorException {
        MonitorStats stats = parse(lines("zk_version\t3.9.6", "zk_server_state\tleader", "zk_version2\ta",
                "zk_versio\tb", "zk_server_state_x\tc", "zk_avg_latenc\td", "zk_p99_readlatency9\te",
                "zk_znode_count \tf", "zk_Znode_count\tg", "zk_znode_count\t7", "zk_future_metric\t1.5"));
        assertEquals(List.of("version", "server_state", "version2", "versio", "server_state_x", "avg_latenc",
                "p99_readlatency9", "znode_count ", "Znode_count", "znode_count", "future_metric"),
                List.copyOf(stats.values().keySet()));
        assertEquals("e", stats.text("p99_readlatency9").orElseThrow());
        assertEquals(7, stats.integer("znode_count").orElseThrow());
    }

    @Test
    void nonAsciiKeysAndValuesAreDecodedStrictly() throws CollectorException {
        MonitorStats stats = parse(lines("zk_version\t3.9.6-é, built on 2026", "zk_server_state\tfollower",
                "zk_vérsion\tñ", "zk_znode_count\t\u4e2d"));
        assertEquals("3.9.6-é, built on 2026", stats.version());
        assertEquals("ñ", stats.text("vérsion").orElseThrow());
        assertEquals("\u4e2d", stats.text("znode_count").orElseThrow());
        byte[] bad = "zk_version\t3.9\nzk_server_state\tfollower\nzk_uptime\t\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        CollectorException e = assertThrows(CollectorException.class,
                () -> mntr.parse(Fixtures.reply(Command.MNTR, ReplyFormat.FOUR_LETTER, bad)));
        assertEquals("mntr line 3: malformed UTF-8", e.getMessage());
    }

    /**
     * Random replies drawn from keys that need a second normalisation, repeat, collide after it or are empty: the
     * parser must give what the map of the old parser, handed to the validating constructor, gives.
     */
    @Test
    void matchesTheMapPlusConstructorOnRandomTrickyReplies() {
        String[] keys = {"zk_version", "version", "zk_server_state", "server_state", "zk_zk_version", "zk_zk_uptime",
            "zk_uptime", "uptime", "zk_", "zk_zk_", "zk_zk_zk_uptime", "zk_avg_latency", "avg_latency", "zk_x", "x",
            "zk_zk_x", "zk_é", "zk_packets_sent"};
        Random random = new Random(6);
        for (int round = 0; round < 3000; round++) {
            List<String> lines = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                lines.add(keys[random.nextInt(keys.length)] + "\t" + random.nextInt(4));
            }
            String expected = oracle(lines);
            String actual;
            try {
                actual = describe(parse(lines(lines.toArray(String[]::new))));
            } catch (CollectorException e) {
                actual = e.kind() + ": " + e.getMessage();
            }
            assertEquals(expected, actual, String.join(" | ", lines));
        }
    }

    /**
     * Lines of every shape the usual-line fast path must leave to the line-by-line reader (a CR, a tab inside the
     * value, non-ASCII or control bytes, an empty value) mixed with usual ones, read at sizes that make lines
     * straddle buffer refills: the values, kept as bytes until read, are what the plain split gives.
     */
    @Test
    void usualAndUnusualLinesGiveTheSplitValuesAtEveryReadSize() throws CollectorException {
        String[] keys = {"zk_watch_count", "zk_avg_latency", "zk_future_key", "zk_é", "uptime", "zk_zk_x"};
        String[] values = {"0", "12345678901234567890", "3.9.6-abc, built on 2026-09-03 19:29 UTC", "", "a\tb",
            "naïve €", "x\u0001y", "follower", " 7 "};
        Random random = new Random(23);
        for (int round = 0; round < 400; round++) {
            List<String> lines = new ArrayList<>();
            lines.add("zk_version\t3.9." + round);
            lines.add("zk_server_state\tleader");
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                lines.add(random.nextInt(lines.size() + 1), keys[random.nextInt(keys.length)] + "\t"
                        + values[random.nextInt(values.length)]);
            }
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append(random.nextInt(6) == 0 ? "\r\n" : "\n");
            }
            String expected = oracle(lines);
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            for (int chunk : new int[] {1, 3, 7, 64, 65536}) {
                MonitorStats stats = parse(Fixtures.chunked(Command.MNTR, bytes, chunk));
                assertEquals(expected, describe(stats), "read size " + chunk + ": " + text);
            }
        }
    }

    /** The old parse, step by step: strip {@code zk_} once per line into a map, check, then the constructor. */
    private static String oracle(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            values.put(line.substring(tab >= 3 && line.startsWith("zk_") ? 3 : 0, tab), line.substring(tab + 1));
        }
        if (!values.containsKey("version") || !values.containsKey("server_state")) {
            return "TRUNCATED: mntr: reply ends early after line " + lines.size() + ": no zk_version or zk_server_state";
        }
        try {
            return describe(new MonitorStats(values));
        } catch (IllegalArgumentException e) {
            return "UNPARSEABLE: mntr: inconsistent reply: " + e.getMessage();
        }
    }

    private static String describe(MonitorStats stats) {
        return "ok " + stats.values();
    }

    @Test
    void theBuilderCannotBeUsedAfterBuildAndItsMapCannotChange() {
        MonitorStats.Builder builder = MonitorStats.builder(4).put("version", "1").put("server_state", "leader");
        MonitorStats stats = builder.build();
        assertThrows(IllegalStateException.class, () -> builder.put("x", "y"));
        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(UnsupportedOperationException.class, () -> stats.values().put("x", "y"));
        assertEquals(new MonitorStats(Map.of("version", "1", "server_state", "leader")), stats);
        assertEquals(stats, new MonitorStats(stats.values()));
        assertThrows(NullPointerException.class, () -> MonitorStats.builder(1).put("k", null));
    }

    private MonitorStats parse(io.zkwatch.collectors.Reply reply) throws CollectorException {
        return mntr.parse(reply);
    }

    private static io.zkwatch.collectors.Reply lines(String... lines) {
        return Fixtures.reply(Command.MNTR, ReplyFormat.FOUR_LETTER, String.join("\n", lines) + "\n");
    }
}
