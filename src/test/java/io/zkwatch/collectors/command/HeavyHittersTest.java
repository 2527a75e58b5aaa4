package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bounded counter's promises: exact under its cap, bounded memory and stated error bounds above it. */
class HeavyHittersTest {

    private static final int KEYS = 20_000;
    private static final int CAPACITY = 1_000;

    /** Key i arrives 20000 / (i + 1) times (Zipf), in a shuffled order, so heavy keys do not come first. */
    private static List<String> zipfStream() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            for (int n = 0; n < KEYS / (i + 1); n++) {
                events.add("/k/" + i);
            }
        }
        Collections.shuffle(events, new Random(42));
        return events;
    }

    private static long trueWeight(int i) {
        return KEYS / (i + 1);
    }

    @Test
    void countsExactlyWhileUnderTheCap() {
        HeavyHitters h = new HeavyHitters(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            h.add("/k/" + i, i + 1);
        }
        h.add("/k/7", 5);
        assertTrue(h.exact());
        assertEquals(CAPACITY, h.distinct());
        assertEquals(0, h.error());
        Map<String, Long> counts = new HashMap<>();
        h.entries().forEach(e -> counts.put(e.key(), e.count()));
        assertEquals(13L, counts.get("/k/7"));
        assertEquals(List.of("/k/999", "/k/998"), h.top(2).stream().map(HeavyHitters.Entry::key).toList());
    }

    @Test
    void aSkewedStreamFarAboveTheCapKeepsTheTrueTopKeysWithinTheStatedError() {
        HeavyHitters h = new HeavyHitters(CAPACITY);
        List<String> stream = zipfStream();
        int most = 0;
        for (String key : stream) {
            h.add(key, 1);
            most = Math.max(most, h.size());
        }
        assertFalse(h.exact());
        assertTrue(most <= CAPACITY, "never more counters than the cap: " + most);
        assertEquals(stream.size(), h.total(), "the total stays exact");
        assertTrue(h.error() <= stream.size() / (CAPACITY / 2 + 1), "error bound total / (capacity/2 + 1)");
        for (HeavyHitters.Entry e : h.entries()) {
            long truth = trueWeight(Integer.parseInt(e.key().substring(3)));
            assertTrue(e.count() <= truth && truth <= e.upper(), e + " must bracket the true weight " + truth);
        }
        for (int i = 0; i < KEYS; i++) {
            if (trueWeight(i) > h.error()) {
                int key = i;
                assertTrue(h.entries().stream().anyMatch(e -> e.key().equals("/k/" + key)),
                        "a key heavier than the error is held: /k/" + i);
            }
        }
        List<String> top10 = h.top(10).stream().map(HeavyHitters.Entry::key).toList();
        assertEquals(IntStream.range(0, 5).mapToObj(i -> "/k/" + i).toList(), top10.subList(0, 5),
                "the five heaviest are separated by more than the error, so they rank exactly");
    }

    @Test
    void distinctKeysPastTheCapAreEstimatedWithinTheSketchError() {
        HeavyHitters h = new HeavyHitters(CAPACITY);
        int distinct = 200_000;
        for (int i = 0; i < distinct; i++) {
            h.add(item(i), 1);
            if (i % 3 == 0) {
                h.add(item(i / 2), 1);
            }
        }
        double tolerance = 3 * HeavyHitters.DISTINCT_RELATIVE_ERROR * distinct;
        assertEquals(distinct, h.distinct(), tolerance);
        assertTrue(h.size() <= CAPACITY);
    }

    /** Item j always has the same key, so repeats are not new keys. */
    private static String item(int j) {
        return "/tenant-" + (j % 97) + "/item-" + j;
    }

    @Test
    void weightedUpdatesKeepTheirSumAndBounds() {
        HeavyHitters h = new HeavyHitters(10);
        long total = 0;
        for (int i = 0; i < 1000; i++) {
            long w = i % 50 == 0 ? 1000 : 1;
            h.add("/p/" + (i % 50 == 0 ? "heavy" + (i % 100) : "light" + i), w);
            total += w;
        }
        assertEquals(total, h.total());
        long listed = h.entries().stream().mapToLong(HeavyHitters.Entry::count).sum();
        assertTrue(listed <= total);
        assertTrue(h.top(2).stream().allMatch(e -> e.key().startsWith("/p/heavy")), h.top(2).toString());
    }

    @Test
    void selectFindsTheSameValueAsASortForEveryRankOfRepetitiveCounts() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            long[] counts = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = trial % 2 == 0 ? 1 + random.nextInt(4) : random.nextInt(1_000_000);
            }
            long[] sorted = counts.clone();
            java.util.Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertEquals(sorted[k], HeavyHitters.select(counts.clone(), k), "n=" + n + " k=" + k);
            long[] padded = java.util.Arrays.copyOf(counts, n + 7);
            java.util.Arrays.fill(padded, n, n + 7, Long.MIN_VALUE);
            assertEquals(sorted[k], HeavyHitters.select(padded, n, k), "the first n of a longer array, n=" + n);
        }
    }
}
