package io.zkwatch.collectors.command;

import java.util.Arrays;
import java.util.List;

/**
 * A session's sample paths: of the paths offered, the {@code n} whose {@link PathBytes#hash} is smallest (ties,
 * which need equal 64-bit hashes, by their bytes), listed in order.
 *
 * <p>Why by hash: the choice does not depend on the order a dump lists paths in, so the 4lw and AdminServer
 * variants of a dump agree and repeated polls show the same paths; it is a uniform sample of the session's paths
 * rather than its alphabetically first ones (which all come from one subtree); and deciding whether a path gets
 * in is one comparison of two longs, which a dump pays on every watch line. The bound ({@link #bound}) lives next
 * to the session's counter in {@link SessionTable}, so a path that does not get in costs nothing more.
 *
 * <p>Memory: {@code n} hashes and references, and the paths kept. A path is copied only when it is kept, or
 * shared: a by-path dump offers one path to every session watching it and hands them one copy.
 */
final class SamplePaths {

    private static final long[] NO_HASHES = new long[0];
    private static final byte[][] NO_PATHS = new byte[0][];

    private final int limit;
    private long[] hashes = NO_HASHES;
    private byte[][] paths = NO_PATHS;
    private int size;

    SamplePaths(int limit) {
        this.limit = limit;
    }

    /**
     * The largest hash a path may have and still get in: any while fewer than {@code n} are kept, the largest kept
     * hash once full (an equal hash is then decided by the bytes), none if {@code n} is 0.
     */
    long bound() {
        if (size < limit) {
            return Long.MAX_VALUE;
        }
        return limit == 0 ? Long.MIN_VALUE : hashes[size - 1];
    }

    /**
     * Where the path would go among those kept, or -1 if it does not get in (or is held already). A scan from the
     * largest down: the set is small, and a path that gets in mostly lands near the end.
     */
    int rank(long hash, byte[] buf, int from, int to) {
        int i = size;
        while (i > 0) {
            long h = hashes[i - 1];
            int c = h != hash ? Long.compare(h, hash)
                    : Arrays.compareUnsigned(paths[i - 1], 0, paths[i - 1].length, buf, from, to);
            if (c == 0) {
                return -1;
            }
            if (c < 0) {
                break;
            }
            i--;
        }
        return i < limit ? i : -1;
    }

    /** Keeps {@code path} (not copied: the caller hands over a stable array) at {@code rank} from {@link #rank}. */
    void insert(int rank, long hash, byte[] path) {
        if (size == limit) {
            size--;
        } else if (size == hashes.length) {
            int n = Math.min(limit, Math.max(2, size * 2));
            hashes = Arrays.copyOf(hashes, n);
            paths = Arrays.copyOf(paths, n);
        }
        for (int i = size; i > rank; i--) {
            hashes[i] = hashes[i - 1];
            paths[i] = paths[i - 1];
        }
        hashes[rank] = hash;
        paths[rank] = path;
        size++;
    }

    /** Offers {@code buf[from, to)}, copying it only if it is kept. */
    void offer(long hash, byte[] buf, int from, int to) {
        int rank = rank(hash, buf, from, to);
        if (rank >= 0) {
            insert(rank, hash, Arrays.copyOfRange(buf, from, to));
        }
    }

    /** The paths kept, decoded (they were checked as strict UTF-8 when read), in path order. */
    List<String> toList() {
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = PathBytes.text(paths[i], 0, paths[i].length);
        }
        Arrays.sort(out);
        return List.of(out);
    }
}
