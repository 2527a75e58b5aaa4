package io.zkwatch.collectors.command;

import java.util.Arrays;
import java.util.List;

/**
 * Keeps the {@code n} smallest distinct values offered (paths, session ids). Samples chosen this way do not depend
 * on the order a dump lists them in, so the 4lw and AdminServer variants of a dump agree.
 *
 * <p>A sorted array rather than a {@code TreeSet}: it is offered every watch line of a dump, and once full a value
 * that is not smaller than the largest kept costs one comparison and no allocation. Memory: {@code n} references.
 */
final class Smallest<T extends Comparable<? super T>> {

    private final int limit;
    private Object[] kept;
    private int size;

    Smallest(int limit) {
        this.limit = limit;
        this.kept = new Object[Math.min(limit, 16)];
    }

    @SuppressWarnings("unchecked")
    void offer(T value) {
        if (limit == 0 || size == limit && value.compareTo((T) kept[size - 1]) >= 0) {
            return;
        }
        int i = Arrays.binarySearch(kept, 0, size, value);
        if (i >= 0) {
            return;
        }
        int at = -i - 1;
        if (size == limit) {
            size--;
        } else if (size == kept.length) {
            kept = Arrays.copyOf(kept, Math.min(limit, kept.length * 2));
        }
        System.arraycopy(kept, at, kept, at + 1, size - at);
        kept[at] = value;
        size++;
    }

    @SuppressWarnings("unchecked")
    List<T> toList() {
        return (List<T>) (List<?>) List.of(Arrays.copyOf(kept, size));
    }
}
