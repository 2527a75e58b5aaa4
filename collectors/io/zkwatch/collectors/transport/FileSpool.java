package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.Spool;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A reply too large for the heap budget, held in a private temporary file that {@link #close()} deletes. */
final class FileSpool implements Spool {
    private final Path file;
    private final long size;
    private final AtomicBoolean closed = new AtomicBoolean();

    FileSpool(Path file, long size) {
        this.file = file;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        if (closed.get()) {
            throw new IOException("spool already closed");
        }
        return new BufferedInputStream(Files.newInputStream(file), 64 << 10);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            SpoolWriter.deleteQuietly(file);
        }
    }

    @Override
    public String toString() {
        return "FileSpool[" + file + ", " + size + " bytes]";
    }
}
