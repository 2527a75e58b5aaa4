package io.zkwatch.collectors;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash of a watched path's UTF-8 bytes that the watch-dump parsers key their tables with and choose a
 * session's sample paths by ({@link WatchDumpOptions#samplePathsOf}). Public so that whoever predicts a dump's
 * samples (tests, tools) computes exactly what the parsers do.
 */
public final class PathHash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private PathHash() {
    }

    /** The hash of {@code path}'s UTF-8 bytes. */
    public static long of(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        return of(bytes, 0, bytes.length);
    }

    /**
     * A 64-bit hash of {@code buf[from, to)}, eight bytes per step with the last word read overlapping (no byte
     * loop for the tail of a path of eight bytes or more), then fully mixed: tables take their slot from the low
     * bits and a tag from the high ones.
     */
    public static long of(byte[] buf, int from, int to) {
        int len = to - from;
        long h = len * MIX;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(buf, i)) * MIX, 29);
        }
        if (i < to) {
            long tail;
            if (len >= 8) {
                tail = (long) LONGS.get(buf, to - 8) >>> (8 * (8 - (to - i)));
            } else {
                tail = 0;
                for (int shift = 0; i < to; i++, shift += 8) {
                    tail |= (buf[i] & 0xffL) << shift;
                }
            }
            h = Long.rotateLeft((h ^ tail) * MIX, 29);
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }
}
