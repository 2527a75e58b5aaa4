package io.zkwatch.bench.jmh;

import java.util.Arrays;

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

    /** {@code mntr} of a 3.9 follower: one {@code zk_<key>\t<value>} line per value. */
    public static byte[] mntr(long watches) {
        Bytes out = new Bytes(4096);
        out.ascii("zk_version\t3.9.6-a355171b081b5b60749db8f19cca1528b0df936f, built on 2026-09-03 19:29 UTC").nl();
        out.ascii("zk_server_state\tfollower").nl();
        out.ascii("zk_peer_state\tfollowing - broadcast").nl();
        String[] keys = {"ephemerals_count", "num_alive_connections", "outstanding_requests", "znode_count",
            "approximate_data_size", "open_file_descriptor_count", "max_file_descriptor_count", "global_sessions",
            "local_sessions", "connection_drop_probability", "min_latency", "avg_latency", "max_latency",
            "packets_received", "packets_sent", "uptime", "last_client_response_size", "max_client_response_size",
            "min_client_response_size", "fsynctime_count", "fsynctime_sum", "snapshottime_count",
            "read_commit_proc_req_queued_count", "write_batch_time_in_commit_processor_count",
            "prep_processor_request_queued_sum", "sync_processor_queue_size_count", "jvm_pause_time_ms_count",
            "outstanding_tls_handshake", "auth_failed_count", "non_mtls_remote_conn_count"};
        for (int i = 0; i < keys.length; i++) {
            out.ascii("zk_" + keys[i] + "\t").decimal(1000L * i + 7).nl();
        }
        out.ascii("zk_watch_count\t").decimal(watches).nl();
        return out.toArray();
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
