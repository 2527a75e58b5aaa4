package io.zkwatch.collectors.command;

import java.util.List;
import java.util.TreeSet;

/**
 * Keeps the {@code n} lexicographically smallest distinct strings offered. Samples chosen this way do not
 * depend on the order a dump lists them in, so the 4lw and AdminServer variants of a dump agree.
 */
final class SmallestStrings {

    private final int limit;
    private final TreeSet<String> kept = new TreeSet<>();

    SmallestStrings(int limit) {
        this.limit = limit;
    }

    void offer(String s) {
        if (limit == 0) {
            return;
        }
        if (kept.size() < limit) {
            kept.add(s);
        } else if (s.compareTo(kept.last()) < 0 && kept.add(s)) {
            kept.pollLast();
        }
    }

    List<String> toList() {
        return List.copyOf(kept);
    }
}
