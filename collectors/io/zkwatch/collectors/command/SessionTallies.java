package io.zkwatch.collectors.command;

import java.util.function.LongFunction;

/**
 * An open-addressing table from session id to its tally, keyed by primitive {@code long}.
 *
 * <p>Why not {@code HashMap<Long, ...>}: a by-path dump looks a session up on every watch line, and boxing
 * each id (ids are far above the {@code Long} cache) allocates on every line of a dump of millions. Sessions
 * are bounded by the server's connections; memory is two arrays of at most four slots per session (8 + 4 bytes
 * each) plus the tallies themselves.
 */
final class SessionTallies<T> {

    private long[] keys = new long[64];
    private Object[] values = new Object[64];
    private int size;

    /** The tally of {@code id}, created by {@code create} on first sight. */
    @SuppressWarnings("unchecked")
    T get(long id, LongFunction<T> create) {
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (values[i] != null) {
            if (keys[i] == id) {
                return (T) values[i];
            }
            i = (i + 1) & mask;
        }
        T t = create.apply(id);
        keys[i] = id;
        values[i] = t;
        if (++size * 2 > keys.length) {
            grow();
        }
        return t;
    }

    int size() {
        return size;
    }

    /** Visits every session and its tally. */
    @SuppressWarnings("unchecked")
    void forEach(Visitor<T> visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                visitor.visit(keys[i], (T) values[i]);
            }
        }
    }

    interface Visitor<T> {
        void visit(long id, T tally);
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** Session ids share their high bits (the server id), so mix them before masking. */
    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
