package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A reply small enough to stay on the heap, kept as the chunks it arrived in (no copy into one array). */
final class HeapSpool implements Spool {
    private final long size;
    private volatile List<byte[]> chunks;

    HeapSpool(List<byte[]> chunks, long size) {
        this.chunks = List.copyOf(chunks);
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        List<byte[]> held = chunks;
        if (held == null) {
            throw new IOException("spool already closed");
        }
        return new ChunksInputStream(held);
    }

    @Override
    public void close() {
        chunks = null;
    }

    private static final class ChunksInputStream extends InputStream {
        private final List<byte[]> chunks;
        private int index;
        private int position;

        ChunksInputStream(List<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            if (!advance()) {
                return -1;
            }
            return chunks.get(index)[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            byte[] chunk = chunks.get(index);
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return advance() ? chunks.get(index).length - position : 0;
        }

        private boolean advance() {
            while (index < chunks.size() && position == chunks.get(index).length) {
                index++;
                position = 0;
            }
            return index < chunks.size();
        }
    }
}
