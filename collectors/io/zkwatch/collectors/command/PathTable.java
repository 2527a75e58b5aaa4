package io.zkwatch.collectors.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The String of a byte range (a watched path as a dump line holds it), made once per distinct range: a range
 * seen before costs a hash over its bytes, a probe and one vectorised byte comparison, and allocates nothing.
 *
 * <p>Why: a by-session dump ({@code wchc}) names every path once per watcher, so a hot path watched by every
 * session would otherwise be decoded into a new String on every one of those lines, only to be hashed and
 * counted. The caller decodes (strictly) on a miss and hands the String in with {@link #put}; a hit has the same
 * bytes as a range that decoded cleanly, so it needs no second check.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} ranges and {@link #MAX_ARENA} bytes of keys; once either is reached
 * the table stops taking new ranges and later misses just make their String, as without the table. Memory never
 * grows with the dump: at most 4 MiB of key bytes, under 2 MiB of arrays and the Strings (about 40 bytes plus the path
 * each), which the path counters hold as well. Keeping the first paths rather than forgetting them suits the
 * purpose: a path watched by many sessions shows up among the first groups of the dump with high probability,
 * while forgetting and refilling would pay a copy for every path of a long tail of paths seen once or twice.
 * Starts small, so a short dump pays little. Not thread-safe.
 */
final class PathTable {

    static final int MAX_ENTRIES = 1 << 16;
    static final int MAX_ARENA = 4 << 20;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    /**
     * Per slot, the entry's hash in the high half and its index + 1 in the low half (0: empty), so that a probe
     * reads one word, and a slot whose hash differs costs nothing more. Twice as many slots as entries at most.
     */
    private long[] slots = new long[256];
    /** Per entry, where its bytes sit in the arena (high half) and how many (low half): one read for both. */
    private long[] spans = new long[128];
    private String[] strings = new String[128];
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int size;

    /** A hash of {@code buf[from, to)}, eight bytes at a time. */
    static int hash(byte[] buf, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(buf, i)) * MIX, 29);
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (buf[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * MIX;
        return (int) (h ^ (h >>> 32));
    }

    /** The String held for {@code buf[from, to)} with hash {@code hash}, or empty (a miss: call {@link #put}). */
    String get(byte[] buf, int from, int to, int hash) {
        int mask = slots.length - 1;
        int len = to - from;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return "";
            }
            if ((int) (slot >>> 32) == hash) {
                int e = (int) slot - 1;
                long span = spans[e];
                int offset = (int) (span >>> 32);
                if ((int) span == len && Arrays.equals(arena, offset, offset + len, buf, from, to)) {
                    return strings[e];
                }
            }
        }
    }

    /** Holds {@code value} as the String of {@code buf[from, to)}, after a miss of {@link #get}, unless full. */
    void put(byte[] buf, int from, int to, int hash, String value) {
        int len = to - from;
        if (size == MAX_ENTRIES || arenaUsed + len > MAX_ARENA) {
            return;
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.min(MAX_ARENA, Math.max(arena.length * 2, arenaUsed + len)));
        }
        if (size == strings.length) {
            grow();
        }
        System.arraycopy(buf, from, arena, arenaUsed, len);
        spans[size] = (long) arenaUsed << 32 | len;
        strings[size] = value;
        arenaUsed += len;
        insert(((long) hash << 32) | (size + 1));
        size++;
    }

    int size() {
        return size;
    }

    private void insert(long slot) {
        int mask = slots.length - 1;
        int i = (int) (slot >>> 32) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = slot;
    }

    private void grow() {
        int n = strings.length * 2;
        spans = Arrays.copyOf(spans, n);
        strings = Arrays.copyOf(strings, n);
        long[] old = slots;
        slots = new long[n * 2];
        for (long slot : old) {
            if (slot != 0) {
                insert(slot);
            }
        }
    }
}
