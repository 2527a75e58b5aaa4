package io.zkwatch.collectors;

import java.nio.charset.StandardCharsets;
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
 *
 * <p>A value added by {@link #addLatin1} stays bytes, copied into one shared array, until it is first read: the daemon
 * reads about a dozen of the 300 to 550 values a {@code mntr} reply holds, so most replies never make a String of
 * the rest. The first read decodes the value and keeps the String. Two threads reading the same value at once may
 * each decode it; both Strings are equal, and a String may be handed between threads this way safely (its fields are
 * final), so the map needs no lock and still reads as immutable.
 */
final class OrderedStrings extends AbstractMap<String, String> {

    private String[] keys;
    /** Per entry, its value; null while it is still the bytes {@code text[from[e], to[e])}. */
    private String[] values;
    private int[] from;
    private int[] to;
    private byte[] text;
    private int textSize;
    /** Per slot, the position of an entry plus one; 0 is an empty slot. At most half the slots are used. */
    private int[] slots;
    private int size;

    OrderedStrings(int expectedSize) {
        int capacity = Math.max(8, expectedSize);
        keys = new String[capacity];
        values = new String[capacity];
        from = new int[capacity];
        to = new int[capacity];
        text = new byte[capacity * 8]; // most values are short numbers
        slots = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
    }

    /** As {@link java.util.Map#put}: a key seen before keeps its place and takes the new value. */
    void add(String key, String value) {
        int e = entry(key); // first: it may grow the arrays
        values[e] = value;
    }

    /**
     * As {@link #add} with the value {@code buf[start, end)} read as ISO-8859-1: the bytes are copied, and decoded
     * only when the value is first read.
     */
    void addLatin1(String key, byte[] buf, int start, int end) {
        int len = end - start;
        if (text.length - textSize < len) {
            text = Arrays.copyOf(text, Math.max(textSize + len, text.length * 2));
        }
        System.arraycopy(buf, start, text, textSize, len);
        int e = entry(key);
        values[e] = null;
        from[e] = textSize;
        textSize += len;
        to[e] = textSize;
    }

    /** The entry of {@code key}, appended (its value still to be set) when the key is new. */
    private int entry(String key) {
        int mask = slots.length - 1;
        for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                if (size == keys.length) {
                    int n = size * 2;
                    keys = Arrays.copyOf(keys, n);
                    values = Arrays.copyOf(values, n);
                    from = Arrays.copyOf(from, n);
                    to = Arrays.copyOf(to, n);
                }
                int e = size;
                keys[e] = key;
                slots[i] = ++size;
                if (size * 2 > slots.length) {
                    reindex(slots.length * 2);
                }
                return e;
            }
            if (keys[slot - 1].equals(key)) {
                return slot - 1;
            }
        }
    }

    /** The value of entry {@code e}, decoded on its first read. */
    private String value(int e) {
        String v = values[e];
        if (v == null) {
            v = new String(text, from[e], to[e] - from[e], StandardCharsets.ISO_8859_1);
            values[e] = v;
        }
        return v;
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
        return e < 0 ? null : value(e);
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
                        Entry<String, String> e = new SimpleImmutableEntry<>(keys[next], value(next));
                        next++;
                        return e;
                    }
                };
            }
        };
    }
}
