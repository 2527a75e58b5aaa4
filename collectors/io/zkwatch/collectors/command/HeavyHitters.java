package io.zkwatch.collectors.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Weighted counts per key in bounded memory: exact while at most {@code capacity} distinct keys have been seen,
 * then a frequent-items summary for the counts and a HyperLogLog sketch (Apache DataSketches) for the number of
 * distinct keys.
 *
 * <p>Why: a by-session watch dump spreads one path's watchers over the whole dump, and a flat namespace makes
 * as many prefixes as paths; one exact counter per key would grow with the server (1M watches, 1M keys).
 *
 * <p>The summary is Misra-Gries with batched decrements, the dual of Space-Saving (the two give the same
 * estimates; Agarwal et al., "Mergeable summaries", 2012), chosen because it costs O(1) amortised per update
 * where a Space-Saving min-heap pays a sift through {@code log capacity} levels on nearly every line of a dump's
 * long tail. When the table holds more than {@code capacity} keys, the (capacity/2 + 1)-th largest count
 * {@code c} is subtracted from every counter and counters at or below zero are dropped; {@link #error()} is the
 * sum of those {@code c}, at most total / (capacity/2 + 1). Then, for every key: {@code count <= true weight <=
 * count + error()} ({@link Entry#count()} never overstates, {@link Entry#upper()} never understates), and every key
 * heavier than {@code error()} is held. The distinct count is exact until the first decrement, then the sketch's
 * estimate (relative standard error {@link #DISTINCT_RELATIVE_ERROR}); the sketch is seeded with every key held at
 * that moment and then sees every key that is not held when it arrives, which covers every key not seen before.
 *
 * <p>Worst-case memory: {@code capacity} entries of about 110 bytes each (HashMap node and table slot about 45,
 * counter 24, and the key's String, 40 plus its length, which the caller allocated anyway), one {@code long} per
 * entry during a decrement, and the sketch's 2^{@value #LG_K} one-byte registers (4 KiB). At a capacity of 50,000
 * keys of 60 bytes that is about 9 MB, whatever the dump holds. Not thread-safe.
 */
final class HeavyHitters {

    /** log2 of the sketch's registers: 4,096 registers, relative standard error about 1.6%. */
    static final int LG_K = 12;
    /** Relative standard error of the distinct count once it is estimated: 1.04 / sqrt(2^LG_K). */
    static final double DISTINCT_RELATIVE_ERROR = 1.04 / Math.sqrt(1 << LG_K);

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

    private static final class Counter {
        long count;

        Counter(long count) {
            this.count = count;
        }
    }

    private final int capacity;
    private final Runnable beforeFirstDecrement;
    private final Map<String, Counter> counters;
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
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.capacity = capacity;
        this.beforeFirstDecrement = beforeFirstDecrement;
        this.counters = new HashMap<>(Math.min(capacity, 1 << 16));
    }

    /** Adds {@code weight} (at least 1) to {@code key}. */
    void add(String key, long weight) {
        total += weight;
        Counter c = counters.get(key);
        if (c != null) {
            c.count += weight;
            return;
        }
        if (distinct == null && counters.size() == capacity) {
            beforeFirstDecrement.run();
            distinct = new HllSketch(LG_K, TgtHllType.HLL_8);
            counters.keySet().forEach(k -> distinct.update(sketchKey(k)));
        }
        counters.put(key, new Counter(weight));
        if (distinct != null) {
            distinct.update(sketchKey(key));
        }
        if (counters.size() > capacity) {
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
            return counters.size();
        }
        return Math.max(counters.size(), Math.round(distinct.getEstimate()));
    }

    /** Keys held. */
    int size() {
        return counters.size();
    }

    /** The {@code k} largest counters, most first: a bounded heap, not a sort of every key. */
    List<Entry> top(int k) {
        if (k <= 0) {
            return List.of();
        }
        Comparator<Entry> weakestFirst = MOST_FIRST.reversed();
        PriorityQueue<Entry> best = new PriorityQueue<>(Math.min(k, counters.size()) + 1, weakestFirst);
        for (Map.Entry<String, Counter> c : counters.entrySet()) {
            long n = c.getValue().count;
            if (best.size() < k || n >= best.peek().count()) {
                Entry e = new Entry(c.getKey(), n, error);
                if (best.size() < k) {
                    best.add(e);
                } else if (weakestFirst.compare(e, best.peek()) > 0) {
                    best.poll();
                    best.add(e);
                }
            }
        }
        List<Entry> out = new ArrayList<>(best);
        out.sort(MOST_FIRST);
        return out;
    }

    /** Every counter held, in no particular order. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(counters.size());
        counters.forEach((key, c) -> out.add(new Entry(key, c.count, error)));
        return out;
    }

    /**
     * Subtracts the (capacity/2 + 1)-th largest count from every counter and drops those left at zero or below,
     * so that at most capacity/2 remain. Just before the key that leads to the first one is added, the hook runs
     * and every key held goes into the sketch.
     */
    private void decrement() {
        long[] counts = new long[counters.size()];
        int i = 0;
        for (Counter c : counters.values()) {
            counts[i++] = c.count;
        }
        long cut = select(counts, counts.length - 1 - capacity / 2);
        error += cut;
        for (Iterator<Counter> it = counters.values().iterator(); it.hasNext(); ) {
            Counter c = it.next();
            c.count -= cut;
            if (c.count <= 0) {
                it.remove();
            }
        }
    }

    /**
     * The {@code k}-th smallest value (from 0) of {@code a}, which it reorders: a quickselect, linear on average
     * where a sort of every counter was {@code n log n} on each decrement. Counts repeat a lot (the long tail is
     * mostly ones), so the partition stops on values equal to the pivot from both sides; after 64 rounds without an
     * answer (an unlucky or crafted order) it sorts what is left, so the worst case stays {@code n log n}.
     */
    static long select(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
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

    /**
     * What the sketch hashes for a key: its String hash, which the map has already computed and cached. Hashing the
     * key's bytes again would encode the String to a new byte array on every new key; the sketch mixes the value
     * with MurmurHash3 anyway, and two keys sharing a 32-bit hash (about n^2 / 2^33 pairs: 0.01% at 1M keys) count
     * once, far inside the sketch's own error.
     */
    private static long sketchKey(String key) {
        return key.hashCode();
    }
}
