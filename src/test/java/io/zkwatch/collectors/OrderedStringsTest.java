package io.zkwatch.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    @Test
    void growsFarPastItsExpectedSizeAndMatchesALinkedHashMapOnRandomKeys() {
        Random random = new Random(6);
        OrderedStrings map = new OrderedStrings(3);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            String key = "k" + random.nextInt(2000);
            String value = Integer.toString(i);
            map.add(key, value);
            expected.put(key, value);
        }
        assertEquals(expected, map);
        assertEquals(map, expected);
        assertEquals(expected.hashCode(), map.hashCode());
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(map.entrySet()));
        for (int i = 0; i < 2100; i++) {
            assertEquals(expected.get("k" + i), map.get("k" + i));
            assertEquals(expected.containsKey("k" + i), map.containsKey("k" + i));
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
