package io.zkwatch.collectors.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Weighted counts per key in bounded memory: exact while at most {@code capacity} distinct keys have been seen,
 * then the Space-Saving algorithm (Metwally, Agrawal and El Abbadi, "Efficient computation of frequent and top-k
 * elements in data streams", 2005) for the counts and a HyperLogLog sketch for the number of distinct keys.
 *
 * <p>Why: a by-session watch dump spreads one path's watchers over the whole dump, and a flat namespace makes
 * as many prefixes as paths; one exact counter per key would grow with the server (1M watches, 1M keys).
 *
 * <p>Guarantees once keys have been evicted (see {@link #exact()}): the counters still sum to the exact total
 * weight; every key whose true weight exceeds {@link #floor()} (at most total / capacity) holds a counter; a
 * counter's count overstates its key's true weight by at most its {@link Entry#error()}, and never understates
 * it. The distinct count is exact until the first eviction, then the sketch's estimate (relative standard error
 * {@link #DISTINCT_RELATIVE_ERROR}); the sketch is seeded with every key held at that moment, and afterwards
 * sees each key not held, which is every key that may not have been seen before (HLL ignores repeats).
 *
 * <p>Worst-case memory: {@code capacity} entries of about 130 bytes each (HashMap node and table slot about 40,
 * counter 40, heap slot 4, and the key's String, 40 plus its length, which the caller allocated anyway), plus the
 * sketch's 2^{@value #LG_K} one-byte registers (4 KiB). At a capacity of 50,000 keys of 60 bytes that is about
 * 9.5 MB, whatever the dump holds. Not thread-safe.
 */
final class HeavyHitters {

    /** log2 of the sketch's registers: 4,096 registers, relative standard error about 1.6%. */
    static final int LG_K = 12;
    /** Relative standard error of the distinct count once it is estimated: 1.04 / sqrt(2^LG_K). */
    static final double DISTINCT_RELATIVE_ERROR = 1.04 / Math.sqrt(1 << LG_K);

    /** A key and its counter, as reported. */
    record Entry(String key, long count, long error) {
        /** The weight the key is guaranteed to have had. */
        long guaranteed() {
            return count - error;
        }
    }

    /** Most first, ties by key, so that results never depend on the order the keys came in. */
    static final Comparator<Entry> MOST_FIRST =
            Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key);

    private static final class Counter {
        String key;
        long count;
        long error;
        int slot;

        Counter(String key, long count) {
            this.key = key;
            this.count = count;
        }
    }

    private final int capacity;
    private final Runnable beforeFirstEviction;
    private final Map<String, Counter> counters;
    private Counter[] heap;
    private HllSketch distinct;
    private long total;

    HeavyHitters(int capacity) {
        this(capacity, () -> { });
    }

    /** {@code beforeFirstEviction} runs once, when every count is still exact, just before the first eviction. */
    HeavyHitters(int capacity, Runnable beforeFirstEviction) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.beforeFirstEviction = beforeFirstEviction;
        this.counters = new HashMap<>(Math.min(capacity, 1 << 16));
    }

    /** Adds {@code weight} (at least 1) to {@code key}. */
    void add(String key, long weight) {
        total += weight;
        Counter c = counters.get(key);
        if (c != null) {
            c.count += weight;
            if (heap != null) {
                siftDown(c.slot);
            }
            return;
        }
        if (counters.size() < capacity) {
            counters.put(key, new Counter(key, weight));
            return;
        }
        if (heap == null) {
            startEvicting();
        }
        distinct.update(key);
        Counter min = heap[0];
        counters.remove(min.key);
        min.key = key;
        min.error = min.count;
        min.count += weight;
        counters.put(key, min);
        siftDown(0);
    }

    /** Whether every count is exact: no key has been evicted yet. */
    boolean exact() {
        return heap == null;
    }

    /** The total weight added; exact always. */
    long total() {
        return total;
    }

    /** Distinct keys: exact while {@link #exact()}, else the sketch's estimate (never below the keys held). */
    long distinct() {
        if (heap == null) {
            return counters.size();
        }
        return Math.max(counters.size(), Math.round(distinct.getEstimate()));
    }

    /** The smallest count held once evicting (a key not held had at most this weight); 0 while exact. */
    long floor() {
        return heap == null ? 0 : heap[0].count;
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
        for (Counter c : counters.values()) {
            if (best.size() < k) {
                best.add(new Entry(c.key, c.count, c.error));
            } else if (c.count >= best.peek().count()) {
                Entry e = new Entry(c.key, c.count, c.error);
                if (weakestFirst.compare(e, best.peek()) > 0) {
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
        for (Counter c : counters.values()) {
            out.add(new Entry(c.key, c.count, c.error));
        }
        return out;
    }

    /** The first eviction: every key held so far goes into the sketch, and the counters into a min-heap. */
    private void startEvicting() {
        beforeFirstEviction.run();
        distinct = new HllSketch(LG_K, TgtHllType.HLL_8);
        heap = new Counter[counters.size()];
        int i = 0;
        for (Counter c : counters.values()) {
            distinct.update(c.key);
            c.slot = i;
            heap[i++] = c;
        }
        for (int j = heap.length / 2 - 1; j >= 0; j--) {
            siftDown(j);
        }
    }

    /** Restores the min-heap below {@code i} after its count grew. */
    private void siftDown(int i) {
        Counter c = heap[i];
        int n = heap.length;
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && heap[child + 1].count < heap[child].count) {
                child++;
            }
            if (heap[child].count >= c.count) {
                break;
            }
            heap[i] = heap[child];
            heap[i].slot = i;
            i = child;
        }
        heap[i] = c;
        c.slot = i;
    }
}
