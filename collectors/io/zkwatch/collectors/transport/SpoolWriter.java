package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.Spool;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Collects the bytes of one reply as fast as the socket delivers them, on the heap up to a limit and in a
 * private temporary file beyond it, then hands them over as a {@link Spool}.
 *
 * <p>Why: ZooKeeper's NIO server writes the watch dumps while holding its watch manager lock, so the reader
 * must never slow down to parse. Writing is append-only and never looks at the content.
 *
 * <p>Use in try-with-resources: {@link #close()} discards whatever was not handed over by {@link #finish()},
 * deleting the spill file, so an abandoned reply (timeout, size cap, error) leaves nothing behind.
 * Not thread-safe: one writer belongs to one fetch.
 */
public final class SpoolWriter implements AutoCloseable {
    private static final int FIRST_CHUNK = 4 << 10;
    private static final int MAX_CHUNK = 64 << 10;

    private final long memoryLimit;
    private final Path directory;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] tail = new byte[0];
    private int tailFill;
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean done;

    SpoolWriter(int memoryLimit, Path directory) {
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memoryLimit < 0");
        }
        this.memoryLimit = memoryLimit;
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Appends bytes; past the memory limit, moves everything to a temporary file in the spool directory. */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (done) {
            throw new IllegalStateException("spool writer already finished or closed");
        }
        if (fileOut == null && size + length > memoryLimit) {
            spill();
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            appendToHeap(bytes, offset, length);
        }
        size += length;
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** Whether the bytes have moved to a file (for tests and diagnostics). */
    public boolean spilled() {
        return file != null;
    }

    /** Hands the bytes over. The writer is empty afterwards; closing it no longer deletes anything. */
    public Spool finish() throws IOException {
        if (done) {
            throw new IllegalStateException("spool writer already finished or closed");
        }
        done = true;
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException e) {
                deleteQuietly(file);
                throw e;
            }
            return new FileSpool(file, size);
        }
        if (tailFill > 0) {
            chunks.add(tailFill == tail.length ? tail : Arrays.copyOf(tail, tailFill));
        }
        Spool spool = new HeapSpool(chunks, size);
        chunks.clear();
        tail = new byte[0];
        return spool;
    }

    /** Discards unfinished content and deletes the spill file. Idempotent. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        chunks.clear();
        tail = new byte[0];
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // the file is deleted next; nothing to save
            }
        }
        if (file != null) {
            deleteQuietly(file);
        }
    }

    private void appendToHeap(byte[] bytes, int offset, int length) {
        int from = offset;
        int left = length;
        while (left > 0) {
            if (tailFill == tail.length) {
                if (tailFill > 0) {
                    chunks.add(tail);
                }
                tail = new byte[nextChunkSize(left)];
                tailFill = 0;
            }
            int n = Math.min(left, tail.length - tailFill);
            System.arraycopy(bytes, from, tail, tailFill, n);
            tailFill += n;
            from += n;
            left -= n;
        }
    }

    /** Small replies (ruok, isro) stay small; big ones use 64 KiB chunks so no single huge array is needed. */
    private int nextChunkSize(int wanted) {
        return Math.min(MAX_CHUNK, Math.max(Math.max(FIRST_CHUNK, tail.length * 2), wanted));
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, "zkwatch-", ".spool");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), MAX_CHUNK);
        for (byte[] chunk : chunks) {
            fileOut.write(chunk);
        }
        fileOut.write(tail, 0, tailFill);
        chunks.clear();
        tail = new byte[0];
        tailFill = 0;
    }

    /**
     * Deletes a spill file without throwing: this runs on cleanup paths, where an exception would hide the
     * failure being reported. A file that cannot be deleted now is left to the JVM's exit.
     */
    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | SecurityException e) {
            path.toFile().deleteOnExit();
        }
    }
}
