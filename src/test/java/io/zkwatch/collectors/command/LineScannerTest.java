package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineScannerTest {

    /** Hands out one byte per read, as a slow socket would. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static List<String> lines(LineScanner s) throws CollectorException {
        List<String> out = new ArrayList<>();
        while (s.next()) {
            out.add(s.text() + (s.terminated() ? "" : "<cut>"));
        }
        return out;
    }

    @Test
    void readsCrlfAndLfLinesDeliveredOneByteAtATime() throws CollectorException {
        byte[] in = "a\r\n\r\nb b\nlast".getBytes(StandardCharsets.UTF_8);
        LineScanner s = new LineScanner(trickle(in), Command.WCHC, ParseOptions.defaults());
        assertEquals(List.of("a", "", "b b", "last<cut>"), lines(s));
        assertEquals(4, s.lineNumber());
        assertFalse(s.next(), "stays at the end");
    }

    @Test
    void keepsAllLinesWhenTheyOutgrowTheInitialBuffer() throws CollectorException {
        String longLine = "x".repeat(40_000);
        byte[] in = (longLine + "\n" + longLine + "y\n").getBytes(StandardCharsets.UTF_8);
        LineScanner s = new LineScanner(new ByteArrayInputStream(in), Command.WCHC, ParseOptions.defaults());
        assertEquals(List.of(longLine, longLine + "y"), lines(s));
    }

    @Test
    void acceptsALineAtTheCapAndRejectsOneByteMoreAsTooLarge() throws CollectorException {
        ParseOptions cap = ParseOptions.defaults().withMaxLineLength(100);
        String ok = "a".repeat(100);
        LineScanner s = new LineScanner(new ByteArrayInputStream((ok + "\r\n" + ok + "b\n").getBytes()),
                Command.WCHP, cap);
        assertTrue(s.next());
        assertEquals(ok, s.text());
        CollectorException e = assertThrows(CollectorException.class, s::next);
        assertEquals(FailureKind.TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aHugeLineWithoutNewlineFailsWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'z';
            }
        };
        LineScanner s = new LineScanner(endless, Command.WCHC, ParseOptions.defaults().withMaxLineLength(4096));
        assertEquals(FailureKind.TOO_LARGE, assertThrows(CollectorException.class, s::next).kind());
    }

    @Test
    void malformedUtf8IsUnparseableWithItsLineNumber() throws CollectorException {
        byte[] in = {'o', 'k', '\n', '/', 'a', (byte) 0xC3, '\n'};
        LineScanner s = new LineScanner(new ByteArrayInputStream(in), Command.WCHC, ParseOptions.defaults());
        s.next();
        s.text();
        s.next();
        CollectorException e = assertThrows(CollectorException.class, s::text);
        assertEquals(FailureKind.UNPARSEABLE, e.kind());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void decodesMultiByteUtf8() throws CollectorException {
        LineScanner s = new LineScanner(trickle("/日本/é😀\n".getBytes(StandardCharsets.UTF_8)), Command.WCHC,
                ParseOptions.defaults());
        s.next();
        assertEquals("/日本/é😀", s.text());
    }

    @Test
    void readsSessionIdsWithTheTopBitSet() throws CollectorException {
        LineScanner s = new LineScanner(new ByteArrayInputStream("0xff00007499e30001\n0x\n".getBytes()),
                Command.WCHC, ParseOptions.defaults());
        s.next();
        assertEquals(0xff00007499e30001L, s.hexId(0));
        s.next();
        assertEquals(FailureKind.UNPARSEABLE, assertThrows(CollectorException.class, () -> s.hexId(0)).kind());
    }

    @Test
    void findsTheFirstNewlineAtEveryPositionOfAWordAndAroundBytesThatLookAlike() {
        byte[] lookAlikes = {0x0b, 0x09, (byte) 0x8a, 0x1a, 0x0a - 0x01, (byte) 0xff, 0x00};
        java.util.Random random = new java.util.Random(3);
        for (int len = 0; len < 40; len++) {
            for (int trial = 0; trial < 50; trial++) {
                byte[] buf = new byte[len + 5];
                for (int i = 0; i < buf.length; i++) {
                    buf[i] = lookAlikes[random.nextInt(lookAlikes.length)];
                }
                if (len > 0 && random.nextBoolean()) {
                    buf[2 + random.nextInt(len)] = '\n';
                    if (random.nextBoolean()) {
                        buf[2 + random.nextInt(len)] = '\n';
                    }
                }
                int expected = 2;
                while (expected < 2 + len && buf[expected] != '\n') {
                    expected++;
                }
                assertEquals(expected, LineScanner.indexOfNewline(buf, 2, 2 + len), "len " + len);
            }
        }
    }
}
