package io.zkwatch.collectors.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * A fixed set of ASCII Strings, found by their bytes: a parser that meets one of them in a reply hands out the
 * table's String instead of making one.
 *
 * <p>Why: {@code mntr} prints the same few hundred keys and {@code cons} the same two dozen operation codes in every
 * reply. Made anew, each costs an allocation, an ASCII check and a copy, and then a hash when it enters a map; the
 * table's String has its hash cached already. A lookup reads three words of the range (its first, middle and last
 * eight bytes) instead of hashing every byte, probes once or twice, and compares the bytes once, vectorised.
 *
 * <p>Built once from constants and never changed, so one table serves every parser thread. A range the table does
 * not hold (a later version's key) is simply decoded as before by the caller.
 */
final class KnownStrings {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per slot: the String's bytes (null: an empty slot), its hash, and the String; at most a quarter are used. */
    private final byte[][] bytes;
    private final int[] hashes;
    private final String[] strings;
    private final int mask;
    private final int size;

    private KnownStrings(Collection<String> words) {
        int slots = Integer.highestOneBit(Math.max(4, words.size()) * 4 - 1) << 1;
        bytes = new byte[slots][];
        hashes = new int[slots];
        strings = new String[slots];
        mask = slots - 1;
        int n = 0;
        for (String word : words) {
            if (word.isEmpty() || !word.chars().allMatch(c -> c < 0x80)) {
                throw new IllegalArgumentException("not a non-empty ASCII word: " + word);
            }
            byte[] b = word.getBytes(StandardCharsets.US_ASCII);
            int h = hash(b, 0, b.length);
            int i = h & mask;
            while (bytes[i] != null && !Arrays.equals(bytes[i], b)) {
                i = (i + 1) & mask;
            }
            if (bytes[i] == null) {
                bytes[i] = b;
                hashes[i] = h;
                strings[i] = word;
                n++;
            }
        }
        size = n;
    }

    /** A table of {@code words} (non-empty ASCII; repeats are held once). */
    static KnownStrings of(Collection<String> words) {
        return new KnownStrings(words);
    }

    int size() {
        return size;
    }

    /**
     * The table's String whose bytes are {@code buf[from, to)}, or the empty String when it holds none (the table
     * never holds the empty String, so an empty range is a miss that decodes to the same thing).
     */
    String get(byte[] buf, int from, int to) {
        int h = hash(buf, from, to);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] b = bytes[i];
            if (b == null) {
                return "";
            }
            if (hashes[i] == h && sameBytes(b, buf, from, to)) {
                return strings[i];
            }
        }
    }

    /**
     * Whether {@code buf[from, to)} holds exactly {@code word}, eight bytes at a time: keys are a few words long, too
     * short for the vectorised {@code Arrays.equals} of a range to pay for its setup.
     */
    private static boolean sameBytes(byte[] word, byte[] buf, int from, int to) {
        int len = word.length;
        if (to - from != len) {
            return false;
        }
        int i = 0;
        for (; i + Long.BYTES <= len; i += Long.BYTES) {
            if ((long) LONGS.get(word, i) != (long) LONGS.get(buf, from + i)) {
                return false;
            }
        }
        if (len >= Long.BYTES) {
            return (long) LONGS.get(word, len - Long.BYTES) == (long) LONGS.get(buf, to - Long.BYTES);
        }
        for (; i < len; i++) {
            if (word[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hash of {@code buf[from, to)} from its length and three of its words: enough to tell apart keys that share
     * long prefixes and suffixes ({@code sum_sync_processor_queue_time_ms}, {@code ..._flush_time_ms}), at the cost
     * of three loads however long the key. Ranges shorter than a word are read byte by byte.
     */
    static int hash(byte[] buf, int from, int to) {
        int len = to - from;
        long h;
        if (len >= Long.BYTES) {
            long first = (long) LONGS.get(buf, from);
            long middle = (long) LONGS.get(buf, from + ((len - Long.BYTES) >>> 1));
            long last = (long) LONGS.get(buf, to - Long.BYTES);
            h = first * 0x9E3779B97F4A7C15L + Long.rotateLeft(middle * 0xC2B2AE3D27D4EB4FL, 23)
                    + Long.rotateLeft(last * 0x165667B19E3779F9L, 41) + len;
        } else {
            h = len;
            for (int i = from; i < to; i++) {
                h = (h << 8) | (buf[i] & 0xff);
            }
            h *= 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32));
    }
}
