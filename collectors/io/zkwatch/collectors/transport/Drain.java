package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.FailureKind;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies a reply into a spool as fast as the network delivers it, in 64 KiB reads, without looking at it.
 *
 * <p>Why: ZooKeeper writes wchc/wchp/dump while holding its watch manager lock; a reader that parses as it
 * goes holds every client of that server hostage. Parsing happens only after the socket is closed.
 */
final class Drain {
    static final int BUFFER = 64 << 10;

    private Drain() {
    }

    /** Copies until end of stream; past {@code maxBytes} gives up with {@link FailureKind#TOO_LARGE}. */
    static void all(InputStream in, SpoolWriter out, long maxBytes) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (out.size() + n > maxBytes) {
                throw tooLarge(maxBytes);
            }
            out.write(buffer, 0, n);
        }
    }

    static FramingException tooLarge(long maxBytes) {
        return new FramingException(FailureKind.TOO_LARGE, "the reply exceeded the limit of " + maxBytes
                + " bytes (maxBytes) and was abandoned unparsed; raise the limit or poll this command less");
    }

    /** Copies at most {@code cap} bytes and stops quietly there: enough of an error body to explain it. */
    static void head(InputStream in, SpoolWriter out, int cap) throws IOException {
        byte[] buffer = new byte[Math.min(BUFFER, cap)];
        while (out.size() < cap) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, cap - out.size()));
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }
}
