package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.Spool;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchVisitor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Dumps far larger than any fixture, generated line by line while they are read, so the parser can only
 * succeed by streaming: the whole text never exists in memory.
 */
class LargeWatchDumpTest {

    private static final int PATHS = 300_000;

    /** Path i is watched by (i % 7) + 1 sessions; the heaviest are those with i % 7 == 6. */
    private static int watchers(int i) {
        return i % 7 + 1;
    }

    /** A spool whose stream writes {@code records.apply(i)} for i in [0, count), then the closing empty line. */
    private static Spool generated(int count, IntFunction<String> records) {
        return new Spool() {
            @Override
            public long size() {
                return -1;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    private int next;
                    private byte[] chunk = new byte[0];
                    private int pos;

                    @Override
                    public int read() {
                        if (pos == chunk.length) {
                            if (next > count) {
                                return -1;
                            }
                            chunk = (next == count ? "\n" : records.apply(next)).getBytes(StandardCharsets.UTF_8);
                            next++;
                            pos = 0;
                        }
                        return chunk[pos++] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        int n = 0;
                        while (n < len) {
                            int c = read();
                            if (c < 0) {
                                return n == 0 ? -1 : n;
                            }
                            b[off + n++] = (byte) c;
                        }
                        return n;
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aWchpOfOverAMillionWatchesGivesExactTotalsAndTopPaths() throws CollectorException {
        Spool spool = generated(PATHS, i -> {
            StringBuilder sb = new StringBuilder("/load/g").append(i % 100).append("/node-").append(i).append('\n');
            for (int s = 0; s < watchers(i); s++) {
                sb.append("\t0x").append(Long.toHexString(0x100000000000000L + s)).append('\n');
            }
            return sb.toString();
        });
        WatchDump dump = new WatchesByPathCollector(ParseOptions.defaults(), new WatchDumpOptions(3, 2, 2))
                .parse(new Reply(Command.WCHP, ReplyFormat.FOUR_LETTER, spool, Duration.ZERO));
        long expected = 0;
        for (int i = 0; i < PATHS; i++) {
            expected += watchers(i);
        }
        assertEquals(expected, dump.totalWatches());
        assertEquals(PATHS, dump.distinctPaths());
        assertEquals(7, dump.distinctSessions());
        assertEquals(PATHS, dump.sessions().get(0x100000000000000L).watches(), "session 0 watches every path");
        List<String> heaviestByName = IntStream.range(0, PATHS).filter(i -> watchers(i) == 7)
                .mapToObj(i -> "/load/g" + (i % 100) + "/node-" + i).sorted().limit(3).toList();
        assertEquals(heaviestByName, dump.topPaths().stream().map(WatchDump.PathWatchers::path).toList(),
                "ties at 7 watchers broken by path name");
        assertEquals(List.of(7L, 7L, 7L), dump.topPaths().stream().map(WatchDump.PathWatchers::watchers).toList());
        assertEquals(100, dump.watchesByPrefix().size());
    }

    @Test
    void aWchcStreamsToAVisitorWithoutAggregating() throws CollectorException {
        Spool spool = generated(PATHS, i -> (i % 1000 == 0 ? "0x" + Integer.toHexString(i / 1000 + 1) + "\n" : "")
                + "\t/s/" + i + "\n");
        long[] seen = {0, 0};
        new WatchesBySessionCollector(ParseOptions.defaults(), WatchDumpOptions.defaults()).stream(
                new Reply(Command.WCHC, ReplyFormat.FOUR_LETTER, spool, Duration.ZERO), new WatchVisitor() {
                    @Override
                    public void beginSession(long sessionId) {
                        seen[0]++;
                    }

                    @Override
                    public void watch(long sessionId, String path) {
                        seen[1]++;
                    }
                });
        assertEquals(PATHS / 1000, seen[0]);
        assertEquals(PATHS, seen[1]);
    }
}
