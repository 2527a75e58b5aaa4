package io.zkwatch.collectors.command;

import io.zkwatch.collectors.PathHash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Watched paths as the UTF-8 bytes a dump line holds: their hash and their prefix, computed without a String.
 *
 * <p>Why bytes: a dump of millions of lines names each path once per watcher, and a String per line (decoded,
 * hashed, compared, then dropped) was most of the parse. Both sources agree: a path from JSON is encoded once and
 * goes the same way, so a path counts, hashes and compares (unsigned bytes, which is code point order) alike
 * whether it came from {@code wchc} or the AdminServer.
 */
final class PathBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SLASHES = 0x2F2F2F2F2F2F2F2FL;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private PathBytes() {
    }

    /** {@link PathHash#of}: the hash every table and sample of a dump uses. */
    static long hash(byte[] buf, int from, int to) {
        return PathHash.of(buf, from, to);
    }

    /**
     * Whether {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same bytes: for the
     * short keys of a dump (prefixes, most paths) a word at a time with an overlapping last word, which costs less
     * than the setup of the vectorised comparison {@link Arrays#equals} uses for longer ones.
     */
    static boolean equals(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (length > 64) {
            return Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length);
        }
        if (length >= 8) {
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                    return false;
                }
            }
            return i == length || (long) LONGS.get(a, aFrom + length - 8) == (long) LONGS.get(b, bFrom + length - 8);
        }
        for (int i = 0; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    static long hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    /**
     * Where the prefix of {@code buf[from, to)} at {@code depth} segments ends: the index of the {@code depth}-th
     * {@code '/'} after the leading one, or {@code to}; the same cut as
     * {@link io.zkwatch.collectors.WatchDumpOptions#prefixLength} on the decoded path, since the byte 0x2f is only
     * ever a {@code '/'} in UTF-8. Slashes are found eight bytes per step, each flagged exactly.
     */
    static int prefixEnd(byte[] buf, int from, int to, int depth) {
        int seen = 0;
        int i = from + 1;
        for (; i + 8 <= to; i += 8) {
            long t = (long) LONGS.get(buf, i) ^ SLASHES;
            long slashes = ~(((t & LOW7) + LOW7) | t) & ~LOW7;
            while (slashes != 0) {
                if (++seen == depth) {
                    return i + (Long.numberOfTrailingZeros(slashes) >>> 3);
                }
                slashes &= slashes - 1;
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '/' && ++seen == depth) {
                return i;
            }
        }
        return to;
    }

    static byte[] utf8(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    /** The path of bytes that were checked as strict UTF-8 when they were read. */
    static String text(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }
}
