package io.zkwatch.collectors.command;

import java.util.List;
import java.util.TreeSet;

/**
 * Keeps the {@code n} smallest distinct numbers offered, so that a capped list of session ids does not depend on
 * the order a dump lists them in: the 4lw and AdminServer variants of a dump keep the same ids.
 */
final class SmallestLongs {

    private final int limit;
    private final TreeSet<Long> kept = new TreeSet<>();

    SmallestLongs(int limit) {
        this.limit = limit;
    }

    void offer(long v) {
        if (limit == 0) {
            return;
        }
        if (kept.size() < limit) {
            kept.add(v);
        } else if (v < kept.last() && kept.add(v)) {
            kept.pollLast();
        }
    }

    List<Long> toList() {
        return List.copyOf(kept);
    }
}
