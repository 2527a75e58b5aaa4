package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level parts of dump parsing agree with the plain way of doing the same thing: the eight-digits-at-a-time
 * id parser with {@link Long#parseUnsignedLong}, the one-pass line fast paths with the line-by-line reading
 * (whatever the read sizes, so lines straddle buffer refills), the prefix cut with
 * {@link WatchDumpOptions#prefixLength}, the samples with a brute-force choice, and every malformed line still
 * fails with its kind and line number when it comes after lines that took a fast path.
 */
class ByteLevelDumpTest {

    private static final ParseOptions OPTIONS = ParseOptions.defaults();
    private final Random random = new Random(20261123);

    private static WatchDump parse(Command command, String text, int chunk, WatchDumpOptions dumpOptions)
            throws CollectorException {
        CollectorCatalog catalog = CollectorCatalog.create(OPTIONS, dumpOptions);
        var collector = command == Command.WCHC ? catalog.wchc() : catalog.wchp();
        return collector.parse(new Reply(command, ReplyFormat.FOUR_LETTER,
                Fixtures.chunked(text.getBytes(StandardCharsets.UTF_8), chunk), Duration.ZERO));
    }

    private static WatchDump parse(Command command, String text, int chunk) throws CollectorException {
        return parse(command, text, chunk, WatchDumpOptions.defaults());
    }

    /** A random session id printed with {@code digits} hex digits (the top one non-zero), as Long.toHexString would. */
    private long idWithDigits(int digits) {
        long v = random.nextLong() >>> (4 * (16 - digits));
        return v | 1L << (4 * digits - 1);
    }

    @Test
    void idsOfEveryLengthAndCaseParseAsParseUnsignedLongDoesWhateverTheReadSize() throws CollectorException {
        Map<Long, Integer> expected = new HashMap<>();
        StringBuilder wchp = new StringBuilder("/a\n");
        for (int i = 0; i < 3000; i++) {
            long id = idWithDigits(1 + i % 16);
            String hex = Long.toHexString(id);
            wchp.append("\t0x").append(i % 3 == 0 ? hex.toUpperCase(Locale.ROOT) : hex).append('\n');
            assertEquals(id, Long.parseUnsignedLong(hex, 16));
            expected.merge(id, 1, Integer::sum);
        }
        wchp.append('\n');
        for (int chunk : new int[] {1, 7, 19, 20, 64, 65536}) {
            WatchDump d = parse(Command.WCHP, wchp.toString(), chunk);
            assertEquals(3000, d.totalWatches(), "read size " + chunk);
            Map<Long, Integer> got = new HashMap<>();
            d.sessions().forEach((id, s) -> got.put(id, (int) s.watches()));
            assertEquals(expected, got, "read size " + chunk);
        }
    }

    @Test
    void hex8AgreesWithParseUnsignedLongAndRefusesEveryNonDigit() {
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() & 0xFFFFFFFFL;
            String hex = String.format("%08x", v);
            String text = random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT);
            assertEquals(v, LineScanner.hex8(word(text)), text);
        }
        String digits = "0123456789abcdefABCDEF";
        for (int b = 0; b < 256; b++) {
            boolean digit = b < 128 && digits.indexOf(b) >= 0;
            for (int at = 0; at < 8; at++) {
                byte[] bytes = "01234567".getBytes(StandardCharsets.US_ASCII);
                bytes[at] = (byte) b;
                long got = LineScanner.hex8(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                        .getLong());
                if (digit) {
                    assertTrue(got >= 0, "byte " + b + " at " + at);
                } else {
                    assertEquals(-1, got, "byte " + b + " at " + at);
                }
            }
        }
    }

    private static long word(String eight) {
        return ByteBuffer.wrap(eight.getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** 200 good member lines (the fast path), then the bad one: it must fail with the right kind and line. */
    @ParameterizedTest
    @ValueSource(strings = {"\t0x12g4", "\t0x", "\t0x11111111111111111", "\t0x12 ", "\t0x1\u00e9", "\t1x12",
        "\t0x-1", "\t0x 1"})
    void aMalformedIdAfterFastLinesIsUnparseableAtItsLine(String bad) {
        StringBuilder wchp = new StringBuilder("/a\n");
        for (int i = 0; i < 200; i++) {
            wchp.append("\t0x").append(Long.toHexString(idWithDigits(15))).append('\n');
        }
        wchp.append(bad).append("\n\n");
        for (int chunk : new int[] {3, 65536}) {
            CollectorException e = assertThrows(CollectorException.class,
                    () -> parse(Command.WCHP, wchp.toString(), chunk));
            assertEquals(FailureKind.UNPARSEABLE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("wchp line 202:"), e.getMessage());
        }
    }

    @Test
    void crlfLinesAndNonAsciiPathsLeaveTheFastPathAndStillCount() throws CollectorException {
        String wchc = "0x1\r\n\t/a/b/c\r\n\t/a/b/d\n\t/caf\u00e9/x/y\n\t/\u30d1\u30b9\n\t/a/b/e\n\n";
        String wchp = "/a/b/c\r\n\t0x1\r\n/a/b/d\n\t0x1\n/caf\u00e9/x/y\n\t0x1\n/\u30d1\u30b9\n\t0x1\n/a/b/e\n\t0x1\n\n";
        for (int chunk : new int[] {1, 5, 65536}) {
            WatchDump bySession = parse(Command.WCHC, wchc, chunk);
            WatchDump byPath = parse(Command.WCHP, wchp, chunk);
            for (WatchDump d : List.of(bySession, byPath)) {
                assertEquals(5, d.totalWatches());
                assertEquals(Map.of("/a/b", 3L, "/caf\u00e9/x", 1L, "/\u30d1\u30b9", 1L), d.watchesByPrefix());
                assertEquals(List.of("/a/b/c", "/a/b/d", "/a/b/e", "/caf\u00e9/x/y", "/\u30d1\u30b9"),
                        d.sessions().get(1L).samplePaths());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t/a/\u0001b", "\t/a/\u007fb", "\t/a/\u0085b", "\ta/b", "\t/a\tb"})
    void aBadPathAfterFastLinesIsUnparseableAtItsLine(String bad) {
        StringBuilder wchc = new StringBuilder("0x1\n");
        for (int i = 0; i < 100; i++) {
            wchc.append("\t/ok/").append(i).append('\n');
        }
        wchc.append(bad).append("\n\n");
        CollectorException e = assertThrows(CollectorException.class, () -> parse(Command.WCHC, wchc.toString(), 64));
        assertEquals(FailureKind.UNPARSEABLE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("wchc line 102:"), e.getMessage());
    }

    @Test
    void invalidUtf8AfterFastLinesIsUnparseable() {
        byte[] head = "0x1\n\t/ok/1\n\t/ok/2\n\t/bad/".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(head, head.length + 4);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        bytes[head.length + 2] = '\n';
        bytes[head.length + 3] = '\n';
        CollectorCatalog catalog = CollectorCatalog.create(OPTIONS, WatchDumpOptions.defaults());
        CollectorException e = assertThrows(CollectorException.class, () -> catalog.wchc().parse(
                new Reply(Command.WCHC, ReplyFormat.FOUR_LETTER, Fixtures.chunked(bytes, 8), Duration.ZERO)));
        assertEquals(FailureKind.UNPARSEABLE, e.kind());
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aPathOverTheLineCapIsTooLargeEvenAfterFastLines() {
        ParseOptions small = OPTIONS.withMaxLineLength(100);
        String wchc = "0x1\n\t/ok\n\t/" + "x".repeat(150) + "\n\n";
        CollectorCatalog catalog = CollectorCatalog.create(small, WatchDumpOptions.defaults());
        CollectorException e = assertThrows(CollectorException.class, () -> catalog.wchc().parse(new Reply(
                Command.WCHC, ReplyFormat.FOUR_LETTER, Fixtures.chunked(wchc.getBytes(StandardCharsets.US_ASCII), 4096),
                Duration.ZERO)));
        assertEquals(FailureKind.TOO_LARGE, e.kind(), e.getMessage());
    }

    @Test
    void prefixEndCutsWherePrefixLengthDoesAtEveryDepth() {
        String[] segments = {"a", "bb", "ccc", "tenant-12345678", "\u00e9t\u00e9", "\u30d1\u30b9", "", "x/y"};
        for (int depth = 1; depth <= 5; depth++) {
            WatchDumpOptions options = new WatchDumpOptions(20, depth, 5);
            for (int i = 0; i < 5000; i++) {
                StringBuilder path = new StringBuilder();
                int n = random.nextInt(7);
                for (int s = 0; s < n; s++) {
                    path.append('/').append(segments[random.nextInt(segments.length)]);
                }
                String p = path.length() == 0 ? "/" : path.toString();
                byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
                byte[] padded = new byte[bytes.length + 9];
                System.arraycopy(bytes, 0, padded, 5, bytes.length);
                int end = PathBytes.prefixEnd(padded, 5, 5 + bytes.length, depth);
                String prefix = new String(padded, 5, end - 5, StandardCharsets.UTF_8);
                assertEquals(options.prefixOf(p), prefix, p + " at depth " + depth);
            }
        }
    }

    @Test
    void wordwiseEqualsAndHashDependOnlyOnTheBytes() {
        for (int len = 0; len <= 80; len++) {
            byte[] key = new byte[len];
            random.nextBytes(key);
            byte[] a = new byte[len + 11];
            byte[] b = new byte[len + 3];
            System.arraycopy(key, 0, a, 11, len);
            System.arraycopy(key, 0, b, 3, len);
            assertTrue(PathBytes.equals(a, 11, b, 3, len));
            assertEquals(PathBytes.hash(key), PathBytes.hash(a, 11, 11 + len));
            assertEquals(PathBytes.hash(key), PathBytes.hash(b, 3, 3 + len));
            for (int at = 0; at < len; at++) {
                b[3 + at] ^= 1;
                assertFalse(PathBytes.equals(a, 11, b, 3, len), "differs at " + at + " of " + len);
                assertTrue(PathBytes.hash(a, 11, 11 + len) != PathBytes.hash(b, 3, 3 + len), "hash, " + at);
                b[3 + at] ^= 1;
            }
        }
        Set<Long> hashes = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            hashes.add(PathBytes.hash(("/app/tenant-" + (i % 1000) + "/items/item-" + i).getBytes(
                    StandardCharsets.US_ASCII)));
        }
        assertEquals(200_000, hashes.size(), "no two of 200,000 similar paths share a 64-bit hash");
    }

    @Test
    void samplesAreTheSmallestHashesWhateverTheOrderAndBothOrdersAgree() throws CollectorException {
        int limit = 5;
        Map<Long, List<String>> watched = new LinkedHashMap<>();
        for (long s = 1; s <= 40; s++) {
            List<String> paths = new ArrayList<>();
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                paths.add("/svc-" + random.nextInt(8) + "/node-" + random.nextInt(400));
            }
            watched.put(s, new ArrayList<>(new TreeSet<>(paths)));
        }
        Map<Long, List<String>> expected = new HashMap<>();
        watched.forEach((s, paths) -> expected.put(s, paths.stream()
                .sorted(Comparator.comparingLong((String p) -> PathBytes.hash(PathBytes.utf8(p))))
                .limit(limit).sorted().toList()));
        WatchDumpOptions options = WatchDumpOptions.defaults();
        assertEquals(limit, options.samplePathsPerSession());
        watched.forEach((s, paths) -> assertEquals(expected.get(s), options.samplePathsOf(paths),
                "the public prediction picks what the parsers pick"));
        for (int round = 0; round < 3; round++) {
            StringBuilder wchc = new StringBuilder();
            Map<String, List<Long>> byPath = new TreeMap<>();
            List<Long> sessions = new ArrayList<>(watched.keySet());
            Collections.shuffle(sessions, random);
            for (long s : sessions) {
                List<String> paths = new ArrayList<>(watched.get(s));
                Collections.shuffle(paths, random);
                wchc.append("0x").append(Long.toHexString(s)).append('\n');
                paths.forEach(p -> {
                    wchc.append('\t').append(p).append('\n');
                    byPath.computeIfAbsent(p, k -> new ArrayList<>()).add(s);
                });
            }
            StringBuilder wchp = new StringBuilder();
            List<String> order = new ArrayList<>(byPath.keySet());
            Collections.shuffle(order, random);
            for (String p : order) {
                wchp.append(p).append('\n');
                byPath.get(p).forEach(s -> wchp.append("\t0x").append(Long.toHexString(s)).append('\n'));
            }
            for (WatchDump d : List.of(parse(Command.WCHC, wchc.append('\n').toString(), 4096),
                    parse(Command.WCHP, wchp.append('\n').toString(), 4096))) {
                Map<Long, List<String>> got = new HashMap<>();
                d.sessions().forEach((s, w) -> got.put(s, w.samplePaths()));
                assertEquals(expected, got, d.order() + ", round " + round);
            }
        }
    }

    @Test
    void theSessionTableKeepsEveryIdIncludingZeroAndNegativeOnes() {
        SessionTable table = new SessionTable(2);
        List<Long> ids = new ArrayList<>(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        for (int i = 0; i < 20_000; i++) {
            ids.add(0x100007499e30000L + i * 131L);
        }
        Map<Long, Long> expected = new HashMap<>();
        byte[] path = "/p".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                int watches = (i + round) % 3;
                for (int w = 0; w < watches; w++) {
                    table.watch(table.slot(id), PathBytes.hash(path), path, 0, path.length);
                }
                if (watches == 0) {
                    table.slot(id);
                }
                expected.merge(id, (long) watches, Long::sum);
            }
        }
        Map<Long, Long> got = new HashMap<>();
        table.forEach((id, watches, samples) -> {
            assertEquals(null, got.put(id, watches), "each session once");
            assertTrue(samples.toList().size() <= 1, "one distinct path offered");
        });
        assertEquals(expected, got);
        assertEquals(ids.size(), table.size());
    }

    @Test
    void longKeysThatFillTheArenaForceADecrementAndKeepTheBounds() {
        HeavyHitters h = new HeavyHitters(1_000_000);
        String filler = "x".repeat(20_000);
        Map<String, Long> truth = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = "/" + (i % 7 == 0 ? "hot" + (i % 3) : "k" + i) + "/" + filler;
            h.add(key, 1);
            truth.merge(key, 1L, Long::sum);
        }
        assertFalse(h.exact(), "3000 keys of 20 KB exceed the arena limit long before the key cap");
        assertTrue(h.size() * 20_000L <= HeavyHitters.ARENA_LIMIT + 20_002, "held keys fit the arena limit");
        for (HeavyHitters.Entry e : h.entries()) {
            long t = truth.get(e.key());
            assertTrue(e.count() <= t && t <= e.upper(), e.key().substring(0, 8) + " " + e.count() + " " + t);
        }
        assertTrue(h.top(3).stream().allMatch(e -> e.key().startsWith("/hot")), "the three hot keys lead");
    }
}
