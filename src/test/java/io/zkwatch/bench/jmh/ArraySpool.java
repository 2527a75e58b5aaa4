package io.zkwatch.bench.jmh;

import io.zkwatch.collectors.Spool;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A spool over an array the benchmark generated once, without the defensive copy of {@code Spools.of}. */
final class ArraySpool implements Spool {

    private final byte[] bytes;

    ArraySpool(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void close() {
    }
}
