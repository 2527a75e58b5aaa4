package io.zkwatch.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link OrderedStrings} behaves as the {@code LinkedHashMap} it replaced: order, repeats, lookups, equality. */
class OrderedStringsTest {

    @Test
    void keepsInsertionOrderAndARepeatedKeyKeepsItsPlaceWithTheLastValue() {
        OrderedStrings map = new OrderedStrings(2);
        map.add("b", "1");
        map.add("a", "2");
        map.add("b", "3");
        map.add("c", "4");
        assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()));
        assertEquals(List.of("3", "2", "4"), List.copyOf(map.values()));
        assertEquals("{b=3, a=2, c=4}", map.toString());
    }

    /**
     * Random keys, repeated, far past the expected size, each value added as a String or as bytes (read back as the
     * String of those bytes, however far the shared byte array has grown): the map is the {@code LinkedHashMap}.
     */
    @Test
    void growsFarPastItsExpectedSizeAndMatchesALinkedHashMapWithValuesAsStringsOrBytes() {
        Random random = new Random(6);
        OrderedStrings map = new OrderedStrings(3);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            String key = "k" + random.nextInt(2000);
            String value = "v" + i + "x".repeat(random.nextInt(40));
            if (random.nextBoolean()) {
                byte[] padded = ("<<" + value + ">>").getBytes(StandardCharsets.US_ASCII);
                map.addLatin1(key, padded, 2, padded.length - 2);
            } else {
                map.add(key, value);
            }
            expected.put(key, value);
        }
        assertEquals(expected, map);
        assertEquals(map, expected);
        assertEquals(expected.hashCode(), map.hashCode());
        assertEquals(expected.toString(), map.toString());
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(map.entrySet()));
        for (int i = 0; i < 2100; i++) {
            assertEquals(expected.get("k" + i), map.get("k" + i));
            assertEquals(expected.containsKey("k" + i), map.containsKey("k" + i));
        }
    }

    @Test
    void bytesAreReadAsLatin1OneCharPerByte() {
        OrderedStrings map = new OrderedStrings(1);
        map.addLatin1("k", new byte[] {'x', (byte) 0xe9, 'y'}, 0, 3);
        assertEquals("x\u00e9y", map.get("k"));
    }

    /** A value read for the first time by many threads at once is the same text for each of them. */
    @Test
    void aValueDecodedOnFirstReadIsTheSameForConcurrentReaders() throws Exception {
        for (int round = 0; round < 50; round++) {
            OrderedStrings map = new OrderedStrings(4);
            byte[] bytes = ("value-" + round).getBytes(StandardCharsets.US_ASCII);
            map.addLatin1("k", bytes, 0, bytes.length);
            int threads = 4;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> reads = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    reads.add(pool.submit(() -> {
                        start.await();
                        return map.get("k");
                    }));
                }
                for (Future<String> read : reads) {
                    assertEquals("value-" + round, read.get(10, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void looksUpAbsentNullAndNonStringKeysWithoutFailing() {
        OrderedStrings map = new OrderedStrings(4);
        map.add("version", "3.9");
        assertNull(map.get("server_state"));
        assertNull(map.get(null));
        assertNull(map.get(42));
        assertFalse(map.containsKey(null));
        assertTrue(map.containsKey("version"));
        assertEquals(1, map.size());
    }
}
