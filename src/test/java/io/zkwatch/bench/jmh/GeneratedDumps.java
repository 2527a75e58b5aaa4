package io.zkwatch.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic ZooKeeper replies of a given size, in the exact 4lw formats ({@code WatchManager.dumpWatches} for
 * {@code wchc}/{@code wchp}, {@code ServerCnxn.dumpConnectionInfo} for {@code cons}, {@code MonitorCommand} for
 * {@code mntr}), as benchmark input. The bytes go straight into one array, never through one big String, so
 * that 10M watches generate in seconds.
 *
 * <p>Shape: {@code watches / 200} sessions (5,000 at 1M watches), each watching 200 paths; paths look like
 * {@code /app/tenant-N/items/item-M} in 1,000 tenants, about a third as many paths as watches. The distribution
 * is skewed: session s watches the {@code 1 + s % 20} hottest paths (the hottest is watched by every session,
 * the 20th by one in twenty), and the rest of its 200 watches spread over cold paths, about three sessions each.
 */
public final class GeneratedDumps {

    static final int WATCHES_PER_SESSION = 200;
    static final int HOT = 20;
    public static final int TENANTS = 1000;
    static final long FIRST_SESSION = 0x100007499e30000L;

    final int sessions;
    final int paths;
    private final int[] watchersOfPath;

    public GeneratedDumps(int watches) {
        this.sessions = Math.max(HOT, watches / WATCHES_PER_SESSION);
        this.paths = Math.max(HOT + WATCHES_PER_SESSION, watches / 3);
        this.watchersOfPath = new int[paths];
        for (int s = 0; s < sessions; s++) {
            forEachPath(s, p -> watchersOfPath[p]++);
        }
    }

    /** Exact (session, path) pairs in every dump. */
    public long totalWatches() {
        return (long) sessions * WATCHES_PER_SESSION;
    }

    public int sessions() {
        return sessions;
    }

    public long sessionId(int s) {
        return FIRST_SESSION + s;
    }

    /** Paths with at least one watcher: those a dump lists. */
    public int watchedPaths() {
        return (int) Arrays.stream(watchersOfPath).filter(n -> n > 0).count();
    }

    /** How many sessions watch path index {@code p}. */
    public int watchersOf(int p) {
        return watchersOfPath[p];
    }

    public static String path(int p) {
        return "/app/tenant-" + tenant(p) + "/items/item-" + p;
    }

    private static int tenant(int p) {
        return p % TENANTS;
    }

    private interface PathVisitor {
        void path(int p);
    }

    /** The path indices session {@code s} watches: distinct, hot first. */
    private void forEachPath(int s, PathVisitor v) {
        int hot = 1 + s % HOT;
        for (int p = 0; p < hot; p++) {
            v.path(p);
        }
        int cold = paths - HOT;
        long start = (long) s * WATCHES_PER_SESSION;
        for (int j = 0; j < WATCHES_PER_SESSION - hot; j++) {
            v.path(HOT + (int) ((start + j) % cold));
        }
    }

    /** {@code wchc}: each session id, then its paths tab-indented, then one empty line. */
    public byte[] wchc() {
        Bytes out = new Bytes(totalWatches() * 36 + sessions * 20L);
        for (int s = 0; s < sessions; s++) {
            out.hexId(sessionId(s)).nl();
            forEachPath(s, p -> out.tab().path(p).nl());
        }
        return out.nl().toArray();
    }

    /** {@code wchp}: each watched path, then its sessions tab-indented, then one empty line. */
    public byte[] wchp() {
        int[] start = new int[paths + 1];
        for (int p = 0; p < paths; p++) {
            start[p + 1] = start[p] + watchersOfPath[p];
        }
        int[] fill = Arrays.copyOf(start, paths);
        int[] sessionOf = new int[start[paths]];
        for (int s = 0; s < sessions; s++) {
            int session = s;
            forEachPath(s, p -> sessionOf[fill[p]++] = session);
        }
        Bytes out = new Bytes(totalWatches() * 20 + paths * 36L);
        for (int p = 0; p < paths; p++) {
            if (watchersOfPath[p] > 0) {
                out.path(p).nl();
                for (int i = start[p]; i < start[p + 1]; i++) {
                    out.tab().hexId(sessionId(sessionOf[i])).nl();
                }
            }
        }
        return out.nl().toArray();
    }

    /** {@code cons}: the querying socket without a session, then one line per session, then one empty line. */
    public byte[] cons() {
        Bytes out = new Bytes(sessions * 230L + 100);
        out.ascii(" /127.0.0.1:49836[0](queued=0,recved=1,sent=0)").nl();
        for (int s = 0; s < sessions; s++) {
            out.ascii(" /10.1.").decimal(s / 250).ascii(".").decimal(s % 250).ascii(":").decimal(30000 + s % 30000)
                    .ascii("[1](queued=0,recved=").decimal(100 + s).ascii(",sent=").decimal(100 + s)
                    .ascii(",sid=").hexId(sessionId(s)).ascii(",lop=PING,est=").decimal(1795422736440L + s)
                    .ascii(",to=30000,lcxid=0x").hex(s % 4096).ascii(",lzxid=0x100000039,lresp=").decimal(7679496 + s)
                    .ascii(",llat=1,minlat=0,avglat=").decimal(s % 7).ascii(",maxlat=").decimal(3 + s % 11)
                    .ascii(")").nl();
        }
        return out.nl().toArray();
    }

    private static final Pattern WATCH_COUNT = Pattern.compile("(?m)^zk_watch_count\t(\\d+)$");

    /**
     * {@code mntr} of a real follower of {@code version} (the reply recorded in the test fixtures: 548 values in
     * 17 KB for 3.9.6, 17 in 417 bytes for 3.5.10), with {@code zk_watch_count} set to {@code watches}.
     */
    public static byte[] mntr(String version, long watches) {
        String resource = "/fixtures/4lw/" + version + "/mntr/follower.txt";
        try (InputStream in = GeneratedDumps.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded mntr for " + version + ": " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            Matcher m = WATCH_COUNT.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(resource + " has no zk_watch_count line");
            }
            String replaced = text.substring(0, m.start(1)) + watches + text.substring(m.end(1));
            return replaced.getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #mntr(String, long)} of 3.9.6. */
    public static byte[] mntr(long watches) {
        return mntr("3.9.6", watches);
    }

    /** An append-only byte buffer with the few formats the dumps need. */
    private static final class Bytes {
        private byte[] buf;
        private int size;

        Bytes(long hint) {
            buf = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(64, hint))];
        }

        Bytes ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[size++] = (byte) s.charAt(i);
            }
            return this;
        }

        Bytes decimal(long v) {
            return ascii(Long.toString(v));
        }

        Bytes hex(long v) {
            return ascii(Long.toHexString(v));
        }

        Bytes hexId(long id) {
            return ascii("0x").hex(id);
        }

        Bytes path(int p) {
            return ascii("/app/tenant-").decimal(tenant(p)).ascii("/items/item-").decimal(p);
        }

        Bytes tab() {
            ensure(1);
            buf[size++] = '\t';
            return this;
        }

        Bytes nl() {
            ensure(1);
            buf[size++] = '\n';
            return this;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, buf.length * 2L));
            }
        }
    }
}
