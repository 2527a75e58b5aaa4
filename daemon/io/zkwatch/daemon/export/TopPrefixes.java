package io.zkwatch.daemon.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The N heaviest prefixes of a dump and the sum of the rest, by selection rather than a sort of every prefix.
 *
 * <p>Why: a flat namespace makes one prefix per path, and a full sort of a large prefix map on every scrape costs
 * tenths of a second per member. A bounded heap of N keeps a scrape O(P log N) with N entries of extra memory.
 *
 * @param top the heaviest prefixes, most watches first, ties by prefix (the order the golden files show)
 * @param rest the watches of every prefix not in {@code top}
 */
record TopPrefixes(List<Map.Entry<String, Long>> top, long rest) {

    static final Comparator<Map.Entry<String, Long>> HEAVIEST_FIRST =
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey());

    TopPrefixes {
        top = List.copyOf(top);
    }

    static TopPrefixes of(Map<String, Long> prefixes, int n) {
        Comparator<Map.Entry<String, Long>> lightestFirst = HEAVIEST_FIRST.reversed();
        PriorityQueue<Map.Entry<String, Long>> kept =
                new PriorityQueue<>(Math.max(1, Math.min(n, prefixes.size()) + 1), lightestFirst);
        long rest = 0;
        for (Map.Entry<String, Long> e : prefixes.entrySet()) {
            if (n <= 0) {
                rest += e.getValue();
            } else if (kept.size() < n) {
                kept.add(e);
            } else if (lightestFirst.compare(e, kept.peek()) > 0) {
                rest += kept.poll().getValue();
                kept.add(e);
            } else {
                rest += e.getValue();
            }
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>(kept);
        top.sort(HEAVIEST_FIRST);
        return new TopPrefixes(top, rest);
    }
}
