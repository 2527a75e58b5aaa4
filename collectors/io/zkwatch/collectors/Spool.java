package io.zkwatch.collectors;

import java.io.IOException;
import java.io.InputStream;

/**
 * The complete raw bytes of one reply, drained from the socket before anything parses them.
 *
 * <p>Small replies live on the heap; large ones overflow to a temporary file. {@link #close()} releases the
 * memory and deletes the file, and is idempotent.
 */
public interface Spool extends AutoCloseable {

    /** Number of bytes held. */
    long size();

    /** A fresh stream over the held bytes, from the start. May be called more than once. */
    InputStream open() throws IOException;

    @Override
    void close();
}
