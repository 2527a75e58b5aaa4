package io.zkwatch.collectors.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Spool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWriterTest {
    @TempDir
    Path dir;

    @Test
    void keepsSmallRepliesOnTheHeapAndReturnsThemByteExact() throws IOException {
        byte[] data = randomBytes(10_000, 1);
        try (SpoolWriter writer = Spools.writer(64 << 10, dir)) {
            writeInPieces(writer, data, 7);
            assertFalse(writer.spilled());
            try (Spool spool = writer.finish()) {
                assertEquals(data.length, spool.size());
                assertArrayEquals(data, readAll(spool));
                assertArrayEquals(data, readAll(spool), "a spool can be read more than once");
            }
        }
        assertEquals(0, TestBytes.filesIn(dir));
    }

    @Test
    void spillsToAFileOnceTheMemoryBudgetIsExceededAndDeletesItOnClose() throws IOException {
        byte[] data = randomBytes(300_000, 2);
        Spool spool;
        try (SpoolWriter writer = Spools.writer(100_000, dir)) {
            writeInPieces(writer, data, 4099);
            assertTrue(writer.spilled());
            spool = writer.finish();
        }
        assertEquals(1, TestBytes.filesIn(dir), "closing the finished writer must not delete the handed-over file");
        assertEquals(data.length, spool.size());
        assertArrayEquals(data, readAll(spool));
        spool.close();
        assertEquals(0, TestBytes.filesIn(dir));
        spool.close(); // idempotent
        assertThrows(IOException.class, spool::open);
    }

    @Test
    void aZeroMemoryBudgetSendsEverythingToTheFile() throws IOException {
        byte[] data = randomBytes(5, 3);
        try (SpoolWriter writer = Spools.writer(0, dir)) {
            writer.write(data, 0, data.length);
            assertTrue(writer.spilled());
            try (Spool spool = writer.finish()) {
                assertArrayEquals(data, readAll(spool));
            }
        }
        assertEquals(0, TestBytes.filesIn(dir));
    }

    @Test
    void anAbandonedWriterDeletesItsSpillFile() throws IOException {
        byte[] data = randomBytes(200_000, 4);
        try (SpoolWriter writer = Spools.writer(1_000, dir)) {
            writer.write(data, 0, data.length);
            assertEquals(1, TestBytes.filesIn(dir));
        }
        assertEquals(0, TestBytes.filesIn(dir));
    }

    @Test
    void anEmptySpoolReadsAsEndOfStream() throws IOException {
        try (SpoolWriter writer = Spools.writer(1_000, dir); Spool spool = writer.finish(); InputStream in = spool.open()) {
            assertEquals(0, spool.size());
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aHeapSpoolRefusesToOpenAfterClose() throws IOException {
        Spool spool = Spools.of(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(spool));
        spool.close();
        spool.close();
        assertThrows(IOException.class, spool::open);
    }

    @Test
    void aWriterCannotBeFinishedTwice() throws IOException {
        try (SpoolWriter writer = Spools.writer(10, dir)) {
            writer.finish().close();
            assertThrows(IllegalStateException.class, writer::finish);
            assertThrows(IllegalStateException.class, () -> writer.write(new byte[1], 0, 1));
        }
    }

    static byte[] readAll(Spool spool) throws IOException {
        try (InputStream in = spool.open()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1000];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static void writeInPieces(SpoolWriter writer, byte[] data, int piece) throws IOException {
        for (int offset = 0; offset < data.length; offset += piece) {
            writer.write(data, offset, Math.min(piece, data.length - offset));
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
