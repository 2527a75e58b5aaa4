package io.zkwatch.collectors.command;

import io.zkwatch.collectors.WatchDumpOptions;
import java.util.Arrays;

/**
 * The prefix String of a path ({@link WatchDumpOptions#prefixOf}), made once per distinct prefix: a prefix seen
 * before costs a scan for its end, a hash over those characters and a probe, and allocates nothing.
 *
 * <p>Why: prefixes are counted per watch line once a by-session dump's path counts are no longer exact, and per
 * group in a by-path dump; a namespace has far fewer prefixes than paths (tenants, services), so nearly every
 * {@code substring} would be a copy of one already made.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} prefixes are held; past that the table forgets them all and starts
 * again, so a flat namespace (as many prefixes as paths) costs what {@code substring} did, never more memory than
 * a table of 16,384 references. Not thread-safe.
 */
final class PrefixTable {

    static final int MAX_ENTRIES = 1 << 14;

    private final WatchDumpOptions options;
    private String[] slots = new String[64];
    private int size;

    PrefixTable(WatchDumpOptions options) {
        this.options = options;
    }

    /** The same String as {@code options.prefixOf(path)}, reused when seen before. */
    String of(String path) {
        int end = options.prefixLength(path);
        if (end == path.length()) {
            return path;
        }
        int h = 0;
        for (int i = 0; i < end; i++) {
            h = 31 * h + path.charAt(i);
        }
        int mask = slots.length - 1;
        int i = mix(h) & mask;
        for (String s = slots[i]; s != null; s = slots[i]) {
            if (s.length() == end && path.startsWith(s)) {
                return s;
            }
            i = (i + 1) & mask;
        }
        if (size == MAX_ENTRIES) {
            Arrays.fill(slots, null);
            size = 0;
        } else if ((size + 1) * 2 > slots.length) {
            grow();
        }
        return insertNew(path.substring(0, end), h);
    }

    /** {@code h} is the prefix's String hash, which the characters hashed in {@link #of} equal. */
    private String insertNew(String prefix, int h) {
        int mask = slots.length - 1;
        int i = mix(h) & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = prefix;
        size++;
        return prefix;
    }

    private void grow() {
        String[] old = slots;
        slots = new String[old.length * 2];
        size = 0;
        for (String s : old) {
            if (s != null) {
                insertNew(s, s.hashCode());
            }
        }
    }

    /** String hashes of similar prefixes differ in their low bits only a little: spread them before masking. */
    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
