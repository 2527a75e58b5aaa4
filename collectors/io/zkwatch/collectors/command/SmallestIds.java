package io.zkwatch.collectors.command;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code n} smallest distinct session ids offered, like {@link Smallest} but on primitive {@code long}s: it is
 * offered every watch line of a by-path dump, and boxing each id would allocate on every line.
 *
 * <p>Ids collect unsorted in a buffer of {@code 2n}; when it fills, it is sorted, deduplicated and cut back to
 * {@code n}, and from then on an id not below the largest kept is dropped at once. Memory: at most {@code 2n}
 * longs; amortised O(log n) per id.
 */
final class SmallestIds {

    private final int limit;
    private long[] buf;
    private int size;
    private boolean bounded;
    private long largest;

    SmallestIds(int limit) {
        this.limit = limit;
        this.buf = new long[Math.min(2 * limit, 16)];
    }

    void offer(long id) {
        if (limit == 0 || bounded && id >= largest) {
            return;
        }
        if (size == buf.length) {
            if (buf.length < 2 * limit) {
                buf = Arrays.copyOf(buf, Math.min(2 * limit, buf.length * 2));
            } else {
                compact();
                if (bounded && id >= largest) {
                    return;
                }
            }
        }
        buf[size++] = id;
    }

    /** Forgets every id, keeping the buffer. */
    void clear() {
        size = 0;
        bounded = false;
    }

    List<Long> toList() {
        compact();
        Long[] out = new Long[size];
        for (int i = 0; i < size; i++) {
            out[i] = buf[i];
        }
        return List.of(out);
    }

    private void compact() {
        Arrays.sort(buf, 0, size);
        int n = 0;
        for (int i = 0; i < size && n < limit; i++) {
            if (n == 0 || buf[i] != buf[n - 1]) {
                buf[n++] = buf[i];
            }
        }
        size = n;
        if (n == limit) {
            bounded = true;
            largest = buf[n - 1];
        }
    }
}
