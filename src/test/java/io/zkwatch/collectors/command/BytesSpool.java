package io.zkwatch.collectors.command;

import io.zkwatch.collectors.Spool;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A spool over bytes already in memory: fixtures stand in for what a transport drained from a socket. */
final class BytesSpool implements Spool {

    private final byte[] bytes;
    private boolean closed;

    BytesSpool(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        if (closed) {
            throw new IllegalStateException("spool closed");
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {
        closed = true;
    }
}
