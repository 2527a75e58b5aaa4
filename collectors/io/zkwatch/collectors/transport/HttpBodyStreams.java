package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** The body of an HTTP/1.1 response as a plain stream: de-chunked, or cut at Content-Length, or up to EOF. */
final class HttpBodyStreams {
    private static final int MAX_CHUNK_LINE = 4096;

    private HttpBodyStreams() {
    }

    static InputStream body(HttpResponseHead head, InputStream in) {
        if (!head.hasBody()) {
            return InputStream.nullInputStream();
        }
        if (head.chunked()) {
            return new Chunked(in);
        }
        if (head.contentLength().isPresent()) {
            return new Fixed(in, head.contentLength().getAsLong());
        }
        return in;
    }

    /** A body stream over the connection: bulk reads only matter, single bytes go through them. */
    private abstract static class BodyStream extends InputStream {
        final InputStream in;

        BodyStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** Exactly Content-Length bytes; an earlier EOF means the reply was cut. */
    private static final class Fixed extends BodyStream {
        private long remaining;

        Fixed(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new FramingException(FailureKind.TRUNCATED,
                        "the connection closed " + remaining + " bytes before the declared Content-Length");
            }
            remaining -= n;
            return n;
        }
    }

    /** Chunked transfer coding (RFC 9112 section 7.1); extensions and trailers are read and ignored. */
    private static final class Chunked extends BodyStream {
        private final int[] lineBudget = {Integer.MAX_VALUE};
        private long remaining;
        private boolean started;
        private boolean finished;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (finished) {
                return -1;
            }
            if (remaining == 0) {
                nextChunk();
                if (finished) {
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new FramingException(FailureKind.TRUNCATED, "the connection closed in the middle of a chunk");
            }
            remaining -= n;
            return n;
        }

        private void nextChunk() throws IOException {
            if (started && !chunkLine().isEmpty()) {
                throw new FramingException(FailureKind.UNPARSEABLE, "missing CRLF after an HTTP chunk");
            }
            started = true;
            String sizeLine = chunkLine();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            try {
                remaining = Long.parseUnsignedLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new FramingException(FailureKind.UNPARSEABLE,
                        "bad HTTP chunk size \"" + HttpResponseHead.printable(hex, 20) + "\"");
            }
            if (remaining == 0) {
                while (!chunkLine().isEmpty()) {
                    // trailer fields: not needed
                }
                finished = true;
            }
        }

        private String chunkLine() throws IOException {
            lineBudget[0] = MAX_CHUNK_LINE;
            return HttpResponseHead.line(in, lineBudget, false, "chunked body");
        }
    }
}
