package io.zkwatch.collectors.command;

import java.util.Arrays;

/**
 * Every session of a dump: its watch count and its {@link SamplePaths}, in an open-addressing table keyed by the
 * primitive session id.
 *
 * <p>Why: a by-path dump looks a session up on every watch line. A {@code HashMap<Long, ...>} would box each id
 * (ids are far above the {@code Long} cache) and chase two objects per line. Here a slot is three longs side by
 * side (the id, its watch count + 1 with 0 for an empty slot, the bound of its samples), so a line costs a probe,
 * an increment and a comparison of the path's hash with the bound, mostly in one cache line, and the table of
 * 5,000 sessions stays within 200 KB. Sessions are bounded by the server's connections; memory is 24 bytes per
 * slot (at most 4/3 of a slot per session after growing, 8/3 before) and a slot's sample index (4 bytes), plus
 * each session's samples.
 */
final class SessionTable {

    /** Visits a session, its watch count and its samples. */
    interface Visitor {
        void visit(long sessionId, long watches, SamplePaths samples);
    }

    private static final int STRIDE = 3;
    private static final int KEY = 0;
    /** The watch count + 1: 0 marks an empty slot (a session id may be any long, 0 included). */
    private static final int WATCHES = 1;
    private static final int BOUND = 2;

    private final int samplesPerSession;
    private long[] table = new long[64 * STRIDE];
    private int[] index = new int[64];
    private int mask = 63;
    private SamplePaths[] samples = new SamplePaths[16];
    private int size;

    SessionTable(int samplesPerSession) {
        this.samplesPerSession = samplesPerSession;
    }

    /**
     * The slot of {@code sessionId}, added with no watches on first sight. A slot stays valid until the next
     * session is added.
     */
    int slot(long sessionId) {
        long[] t = table;
        int i = index(sessionId, mask);
        while (t[i * STRIDE + WATCHES] != 0) {
            if (t[i * STRIDE + KEY] == sessionId) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return add(sessionId);
    }

    private int add(long sessionId) {
        if ((size + 1) * 4 > (mask + 1) * 3) {
            grow();
        }
        int i = index(sessionId, mask);
        while (table[i * STRIDE + WATCHES] != 0) {
            i = (i + 1) & mask;
        }
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        SamplePaths s = new SamplePaths(samplesPerSession);
        samples[size] = s;
        int at = i * STRIDE;
        table[at + KEY] = sessionId;
        table[at + WATCHES] = 1;
        table[at + BOUND] = s.bound();
        index[i] = size++;
        return i;
    }

    /**
     * Counts one watch of the session in {@code slot} and tells whether the path (of hash {@code hash}) may be one
     * of its samples; if so, the caller offers it through {@link #samples} and then calls {@link #samplesChanged}.
     */
    boolean watch(int slot, long hash) {
        int at = slot * STRIDE;
        table[at + WATCHES]++;
        return hash <= table[at + BOUND];
    }

    SamplePaths samples(int slot) {
        return samples[index[slot]];
    }

    void samplesChanged(int slot) {
        table[slot * STRIDE + BOUND] = samples(slot).bound();
    }

    /** Counts a watch of {@code buf[from, to)}, copying the path if it becomes a sample. */
    void watch(int slot, long hash, byte[] buf, int from, int to) {
        if (watch(slot, hash)) {
            samples(slot).offer(hash, buf, from, to);
            samplesChanged(slot);
        }
    }

    int size() {
        return size;
    }

    void forEach(Visitor visitor) {
        for (int i = 0; i <= mask; i++) {
            int at = i * STRIDE;
            if (table[at + WATCHES] != 0) {
                visitor.visit(table[at + KEY], table[at + WATCHES] - 1, samples[index[i]]);
            }
        }
    }

    private void grow() {
        long[] old = table;
        int[] oldIndex = index;
        int slots = (mask + 1) * 2;
        table = new long[slots * STRIDE];
        index = new int[slots];
        mask = slots - 1;
        for (int j = 0, at = 0; at < old.length; j++, at += STRIDE) {
            if (old[at + WATCHES] != 0) {
                int i = index(old[at + KEY], mask);
                while (table[i * STRIDE + WATCHES] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, at, table, i * STRIDE, STRIDE);
                index[i] = oldIndex[j];
            }
        }
    }

    /** Session ids share their high bits (the server id), so mix them before masking. */
    private static int index(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
