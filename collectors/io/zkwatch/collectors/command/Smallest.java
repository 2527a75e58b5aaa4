package io.zkwatch.collectors.command;

import java.util.List;
import java.util.TreeSet;

/**
 * Keeps the {@code n} smallest distinct values offered (paths, session ids). Samples chosen this way do not depend
 * on the order a dump lists them in, so the 4lw and AdminServer variants of a dump agree.
 */
final class Smallest<T extends Comparable<? super T>> {

    private final int limit;
    private final TreeSet<T> kept = new TreeSet<>();

    Smallest(int limit) {
        this.limit = limit;
    }

    void offer(T value) {
        if (limit == 0) {
            return;
        }
        if (kept.size() < limit) {
            kept.add(value);
        } else if (value.compareTo(kept.last()) < 0 && kept.add(value)) {
            kept.pollLast();
        }
    }

    List<T> toList() {
        return List.copyOf(kept);
    }
}
