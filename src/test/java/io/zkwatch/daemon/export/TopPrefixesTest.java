package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selecting the top prefixes gives exactly what sorting them all gave, ties included, and the rest's sum. */
class TopPrefixesTest {

    @Test
    void selectionMatchesAFullSortWithTiesByName() {
        Random random = new Random(7);
        Map<String, Long> prefixes = new HashMap<>();
        long total = 0;
        for (int i = 0; i < 5000; i++) {
            long n = 1 + random.nextInt(40);
            prefixes.put("/p" + random.nextInt(100_000), n);
        }
        for (long n : prefixes.values()) {
            total += n;
        }
        for (int topN : List.of(0, 1, 50, 4999, 5000, 6000)) {
            List<Map.Entry<String, Long>> sorted = prefixes.entrySet().stream().sorted(TopPrefixes.HEAVIEST_FIRST)
                    .limit(topN).toList();
            TopPrefixes top = TopPrefixes.of(prefixes, topN);
            assertEquals(sorted, top.top(), "top " + topN);
            long shown = sorted.stream().mapToLong(Map.Entry::getValue).sum();
            assertEquals(total - shown, top.rest(), "rest of top " + topN);
        }
    }
}
