package io.zkwatch.collectors;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The map behind {@link MonitorStats}: String keys and values in insertion order, held in three arrays (keys,
 * values, and an open-addressing index of positions) instead of a {@code LinkedHashMap}'s object per entry.
 *
 * <p>Why: {@code mntr} is polled often and answers with hundreds of values; a linked entry per value cost as much
 * as the value's String. Filled through {@link #add} by a {@link MonitorStats.Builder} alone, which then hands out
 * only an unmodifiable view. Equality, hash code and text are those of any {@code Map} with the same entries.
 */
final class OrderedStrings extends AbstractMap<String, String> {

    private String[] keys;
    private String[] values;
    /** Per slot, the position of an entry plus one; 0 is an empty slot. At most half the slots are used. */
    private int[] slots;
    private int size;

    OrderedStrings(int expectedSize) {
        int capacity = Math.max(8, expectedSize);
        keys = new String[capacity];
        values = new String[capacity];
        slots = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
    }

    /** As {@link java.util.Map#put}: a key seen before keeps its place and takes the new value. */
    void add(String key, String value) {
        int mask = slots.length - 1;
        for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                keys[size] = key;
                values[size] = value;
                slots[i] = ++size;
                if (size * 2 > slots.length) {
                    reindex(slots.length * 2);
                }
                return;
            }
            if (keys[slot - 1].equals(key)) {
                values[slot - 1] = value;
                return;
            }
        }
    }

    private void reindex(int length) {
        slots = new int[length];
        int mask = length - 1;
        for (int e = 0; e < size; e++) {
            int i = spread(keys[e].hashCode()) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = e + 1;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private int indexOf(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if (keys[slot - 1].equals(key)) {
                return slot - 1;
            }
        }
    }

    @Override
    public String get(Object key) {
        int e = indexOf(key);
        return e < 0 ? null : values[e];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next++;
                        return e;
                    }
                };
            }
        };
    }
}
