package io.zkwatch.collectors.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Weighted counts per key in bounded memory: exact while at most {@code capacity} distinct keys have been seen,
 * then a frequent-items summary for the counts and a HyperLogLog sketch (Apache DataSketches) for the number of
 * distinct keys. Keys are byte strings (a path's or a prefix's UTF-8 bytes, as the dump line holds them).
 *
 * <p>Why: a by-session watch dump spreads one path's watchers over the whole dump, and a flat namespace makes
 * as many prefixes as paths; one exact counter per key would grow with the server (1M watches, 1M keys).
 *
 * <p>Why bytes: a key that is held costs a hash of the line's bytes, one probe and one vectorised comparison, and
 * allocates nothing; only keys that are reported ({@link #top}, {@link #entries}) ever become Strings. The keys
 * live in one byte arena, their counters in primitive arrays, and the open-addressing slots hold a tag of the hash
 * next to the entry's index, so a probe that meets another key reads one int.
 *
 * <p>The summary is Misra-Gries with batched decrements, the dual of Space-Saving (the two give the same
 * estimates; Agarwal et al., "Mergeable summaries", 2012), chosen because it costs O(1) amortised per update
 * where a Space-Saving min-heap pays a sift through {@code log capacity} levels on nearly every line of a dump's
 * long tail. When the table holds more than {@code capacity} keys (or more than {@link #ARENA_LIMIT} bytes of
 * them), the ((n-1)/2 + 1)-th largest of its n counts {@code c} is subtracted from every counter and counters at
 * or below zero are dropped; {@link #error()} is the sum of those {@code c}, at most total / (capacity/2 + 1) when
 * the key count triggers every decrement. Then, for every key: {@code count <= true weight <= count + error()}
 * ({@link Entry#count()} never overstates, {@link Entry#upper()} never understates), and every key heavier than
 * {@code error()} is held. The distinct count is exact until the first decrement, then the sketch's estimate
 * (relative standard error {@link #DISTINCT_RELATIVE_ERROR}); the sketch is seeded with every key held at that
 * moment and then sees every key that is not held when it arrives, which covers every key not seen before.
 *
 * <p>Worst-case memory: {@code capacity} + 1 entries of 24 bytes (span, count, hash) plus 8 bytes of slots each
 * (at most half full), the keys' bytes (at most {@link #ARENA_LIMIT} plus one key), one {@code long} per entry during
 * a decrement, and the sketch's 2^{@value #LG_K} one-byte registers (4 KiB). At a capacity of 50,000 keys of 60
 * bytes that is about 5 MB, whatever the dump holds. Not thread-safe.
 */
final class HeavyHitters {

    /** log2 of the sketch's registers: 4,096 registers, relative standard error about 1.6%. */
    static final int LG_K = 12;
    /** Relative standard error of the distinct count once it is estimated: 1.04 / sqrt(2^LG_K). */
    static final double DISTINCT_RELATIVE_ERROR = 1.04 / Math.sqrt(1 << LG_K);
    /** Key bytes held before a decrement is due whatever the key count: long paths cannot grow the arena unbounded. */
    static final int ARENA_LIMIT = 16 << 20;
    /** The most entries a table is made with up front. */
    static final int MAX_PRESIZE = 1 << 16;

    /**
     * A key and its counter, as reported.
     *
     * @param count weight the key certainly had (never above the truth)
     * @param error how much more it may have had
     */
    record Entry(String key, long count, long error) {
        /** The most weight the key may have had (never below the truth): the Space-Saving estimate. */
        long upper() {
            return count + error;
        }
    }

    /** Most first, ties by key, so that results never depend on the order the keys came in. */
    static final Comparator<Entry> MOST_FIRST =
            Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key);

    /** Visits a held key's bytes ({@code arena[offset, offset + length)}) and its count. */
    interface KeyVisitor {
        void visit(byte[] arena, int offset, int length, long count);
    }

    private final int capacity;
    private final Runnable beforeFirstDecrement;
    /**
     * Per slot: the entry's index + 1 in the low {@link #indexBits} bits (0: empty), and the top bits of the key's
     * hash above them as a tag, so that a probe that meets another key mostly stops at the slot. Four bytes a slot
     * keep the table of 50,000 keys within 512 KB: a dump's long tail misses on nearly every line, and a miss
     * touches nothing else.
     */
    private int[] slots = new int[256];
    private final int indexBits;
    /** Per entry: where its key sits in the arena (high half) and its length (low half). */
    private long[] spans = new long[128];
    private long[] counts = new long[128];
    private long[] hashes = new long[128];
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int size;
    /** A decrement's copy of the counts, which finding the cut reorders; kept for the next one. */
    private long[] scratch = new long[0];
    private HllSketch distinct;
    private long total;
    private long error;

    HeavyHitters(int capacity) {
        this(capacity, () -> { });
    }

    /**
     * {@code beforeFirstDecrement} runs once, when every count is still exact: when a new key arrives at a full
     * table, before that key is counted.
     */
    HeavyHitters(int capacity, Runnable beforeFirstDecrement) {
        this(capacity, beforeFirstDecrement, 0);
    }

    /**
     * {@code expectedKeys} sizes the table at the start (never past the capacity, nor past {@link #MAX_PRESIZE}
     * entries: about 4 MB), so that a large dump does not copy its way up through every doubling; 0 starts small.
     */
    HeavyHitters(int capacity, Runnable beforeFirstDecrement, int expectedKeys) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.capacity = capacity;
        this.beforeFirstDecrement = beforeFirstDecrement;
        this.indexBits = 32 - Integer.numberOfLeadingZeros(capacity + 1);
        int wanted = Math.min(MAX_PRESIZE, Math.min(capacity + 1, Math.max(1, expectedKeys)));
        int entries = Math.max(128, Integer.highestOneBit(wanted - 1) << 1);
        if (entries > 128) {
            spans = new long[entries];
            counts = new long[entries];
            hashes = new long[entries];
            slots = new int[entries * 2];
            arena = new byte[Math.min(ARENA_LIMIT, entries * 32)];
        }
    }

    /** Adds {@code weight} (at least 1) to {@code key}. */
    void add(String key, long weight) {
        byte[] bytes = PathBytes.utf8(key);
        add(bytes, 0, bytes.length, PathBytes.hash(bytes), weight);
    }

    /** Adds {@code weight} (at least 1) to the key {@code buf[from, to)}, whose {@link PathBytes#hash} is given. */
    void add(byte[] buf, int from, int to, long hash, long weight) {
        total += weight;
        int len = to - from;
        int tag = tag(hash);
        int indexMask = (1 << indexBits) - 1;
        int mask = slots.length - 1;
        int i = (int) hash & mask;
        for (int slot = slots[i]; slot != 0; slot = slots[i]) {
            if ((slot & ~indexMask) == tag) {
                int e = (slot & indexMask) - 1;
                long span = spans[e];
                int offset = (int) (span >>> 32);
                if ((int) span == len && PathBytes.equals(arena, offset, buf, from, len)) {
                    counts[e] += weight;
                    return;
                }
            }
            i = (i + 1) & mask;
        }
        boolean full = size >= capacity || arenaUsed + len > ARENA_LIMIT;
        if (full && distinct == null) {
            beforeFirstDecrement.run();
            distinct = new HllSketch(LG_K, TgtHllType.HLL_8);
            for (int e = 0; e < size; e++) {
                distinct.update(hashes[e]);
            }
        }
        if (distinct != null) {
            distinct.update(hash);
        }
        if (size == counts.length) {
            grow();
            mask = slots.length - 1;
            i = (int) hash & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(buf, from, arena, arenaUsed, len);
        spans[size] = (long) arenaUsed << 32 | len;
        counts[size] = weight;
        hashes[size] = hash;
        arenaUsed += len;
        slots[i] = tag | (size + 1);
        size++;
        if (full) {
            decrement();
        }
    }

    /** Whether every count is exact: nothing has been decremented yet. */
    boolean exact() {
        return distinct == null;
    }

    /** The total weight added; exact always. */
    long total() {
        return total;
    }

    /** The most any key's count may be short of its true weight; 0 while exact. */
    long error() {
        return error;
    }

    /** Distinct keys: exact while {@link #exact()}, else the sketch's estimate (never below the keys held). */
    long distinct() {
        if (distinct == null) {
            return size;
        }
        return Math.max(size, Math.round(distinct.getEstimate()));
    }

    /** Keys held. */
    int size() {
        return size;
    }

    /** Visits every key held and its count, in no particular order, without making Strings. */
    void forEach(KeyVisitor visitor) {
        for (int e = 0; e < size; e++) {
            long span = spans[e];
            visitor.visit(arena, (int) (span >>> 32), (int) span, counts[e]);
        }
    }

    /** The {@code k} largest counters, most first: a bounded heap, not a sort of every key. */
    List<Entry> top(int k) {
        if (k <= 0) {
            return List.of();
        }
        Comparator<Entry> weakestFirst = MOST_FIRST.reversed();
        PriorityQueue<Entry> best = new PriorityQueue<>(Math.min(k, size) + 1, weakestFirst);
        for (int e = 0; e < size; e++) {
            long n = counts[e];
            if (best.size() < k || n >= best.peek().count()) {
                Entry entry = entry(e);
                if (best.size() < k) {
                    best.add(entry);
                } else if (weakestFirst.compare(entry, best.peek()) > 0) {
                    best.poll();
                    best.add(entry);
                }
            }
        }
        List<Entry> out = new ArrayList<>(best);
        out.sort(MOST_FIRST);
        return out;
    }

    /** Every counter held, in no particular order. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            out.add(entry(e));
        }
        return out;
    }

    private Entry entry(int e) {
        long span = spans[e];
        int offset = (int) (span >>> 32);
        return new Entry(PathBytes.text(arena, offset, offset + (int) span), counts[e], error);
    }

    private void grow() {
        int n = counts.length * 2;
        spans = Arrays.copyOf(spans, n);
        counts = Arrays.copyOf(counts, n);
        hashes = Arrays.copyOf(hashes, n);
        slots = new int[n * 2];
        reindex();
    }

    /** The top bits of {@code hash}, in the slot bits above the index. */
    private int tag(long hash) {
        return (int) (hash >>> (32 + indexBits)) << indexBits;
    }

    /** Puts every entry back into the (empty) slots. */
    private void reindex() {
        int mask = slots.length - 1;
        for (int e = 0; e < size; e++) {
            long hash = hashes[e];
            int i = (int) hash & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = tag(hash) | (e + 1);
        }
    }

    /**
     * Subtracts the ((n-1)/2 + 1)-th largest of the n counts from every counter and drops those left at zero or
     * below, so that at most half remain; the survivors' keys move to the front of the arena, in order. Just before
     * the key that leads to the first one is added, the hook runs and every key held goes into the sketch.
     */
    private void decrement() {
        if (scratch.length < size) {
            scratch = new long[counts.length];
        }
        System.arraycopy(counts, 0, scratch, 0, size);
        long cut = select(scratch, size, size - 1 - (size - 1) / 2);
        error += cut;
        int kept = 0;
        int used = 0;
        for (int e = 0; e < size; e++) {
            long c = counts[e] - cut;
            if (c > 0) {
                long span = spans[e];
                int len = (int) span;
                System.arraycopy(arena, (int) (span >>> 32), arena, used, len);
                spans[kept] = (long) used << 32 | len;
                counts[kept] = c;
                hashes[kept] = hashes[e];
                used += len;
                kept++;
            }
        }
        size = kept;
        arenaUsed = used;
        Arrays.fill(slots, 0);
        reindex();
    }

    /**
     * The {@code k}-th smallest value (from 0) of {@code a}, which it reorders: a quickselect, linear on average
     * where a sort of every counter was {@code n log n} on each decrement. Counts repeat a lot (the long tail is
     * mostly ones), so the partition stops on values equal to the pivot from both sides; after 64 rounds without an
     * answer (an unlucky or crafted order) it sorts what is left, so the worst case stays {@code n log n}.
     */
    static long select(long[] a, int k) {
        return select(a, a.length, k);
    }

    /** {@link #select(long[], int)} over the first {@code n} values of {@code a}. */
    static long select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        for (int round = 0; lo < hi; round++) {
            if (round == 64) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            long pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
