package io.zkwatch.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Puts {@code sessions x paths} data watches on a server: {@code paths} znodes under {@code /bench/gNNN}
 * (groups of at most a few thousand, so that one child list stays small), and every session watching every
 * znode with an asynchronous {@code getData}, plus one child watch per session and group. Requests are
 * pipelined, a bounded number in flight, so millions of watches take minutes, not hours.
 */
final class WatchLoad implements AutoCloseable {

    static final String ROOT = "/bench";
    private static final int GROUPS = 100;
    private static final int IN_FLIGHT = 4000;
    private static final Watcher IGNORE = event -> { };

    private final List<ZooKeeper> sessions = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<KeeperException.Code> error = new AtomicReference<>();

    private WatchLoad() {
    }

    /** Creates the znodes with the first session, then has every session watch them all. */
    static WatchLoad load(String connect, int sessionCount, int pathCount, int sessionTimeoutMillis)
            throws IOException, InterruptedException {
        WatchLoad load = new WatchLoad();
        try {
            for (int i = 0; i < sessionCount; i++) {
                load.sessions.add(Clients.connect(connect, sessionTimeoutMillis));
            }
            load.createTree(pathCount);
            load.watchAll();
            return load;
        } catch (IOException | InterruptedException | RuntimeException e) {
            load.close();
            throw e;
        }
    }

    int sessions() {
        return sessions.size();
    }

    /** Data watches set: sessions times znodes. */
    long dataWatches() {
        return (long) sessions.size() * paths.size();
    }

    private void createTree(int pathCount) throws InterruptedException {
        ZooKeeper zk = sessions.get(0);
        create(zk, ROOT);
        int groups = Math.min(GROUPS, Math.max(1, pathCount));
        for (int g = 0; g < groups; g++) {
            create(zk, group(g));
        }
        awaitAll("creating " + groups + " groups");
        for (int i = 0; i < pathCount; i++) {
            String path = group(i % groups) + "/service-instance-lock-" + String.format("%08d", i);
            paths.add(path);
            create(zk, path);
        }
        awaitAll("creating " + pathCount + " znodes");
    }

    private void watchAll() throws InterruptedException {
        AsyncCallback.DataCallback data = (rc, path, ctx, d, stat) -> done(rc);
        AsyncCallback.ChildrenCallback children = (rc, path, ctx, list) -> done(rc);
        for (String path : paths) {
            for (ZooKeeper zk : sessions) {
                acquire();
                zk.getData(path, IGNORE, data, null);
            }
        }
        int groups = Math.min(GROUPS, Math.max(1, paths.size()));
        for (ZooKeeper zk : sessions) {
            for (int g = 0; g < groups; g++) {
                acquire();
                zk.getChildren(group(g), IGNORE, children, null);
            }
        }
        awaitAll("setting " + dataWatches() + " data watches");
    }

    private static String group(int g) {
        return ROOT + "/g" + String.format("%03d", g);
    }

    private void create(ZooKeeper zk, String path) throws InterruptedException {
        acquire();
        zk.create(path, new byte[8], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                (rc, p, ctx, name) -> done(rc == KeeperException.Code.NODEEXISTS.intValue() ? 0 : rc), null);
    }

    private void acquire() throws InterruptedException {
        if (!inFlight.tryAcquire(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("no reply from the server for 5 minutes");
        }
        pending.incrementAndGet();
    }

    private void done(int rc) {
        if (rc != 0) {
            error.compareAndSet(null, KeeperException.Code.get(rc));
        }
        pending.decrementAndGet();
        inFlight.release();
    }

    private void awaitAll(String what) throws InterruptedException {
        if (!inFlight.tryAcquire(IN_FLIGHT, 10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + ": " + pending.get() + " requests unanswered after 10 minutes");
        }
        inFlight.release(IN_FLIGHT);
        if (error.get() != null) {
            throw new IllegalStateException(what + " failed: " + error.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ZooKeeper zk : sessions) {
            zk.close();
        }
    }

    /** Plain ZooKeeper sessions that wait until connected. */
    static final class Clients {
        private Clients() {
        }

        static ZooKeeper connect(String connect, int sessionTimeoutMillis) throws IOException, InterruptedException {
            CountDownLatch connected = new CountDownLatch(1);
            ZooKeeper zk = new ZooKeeper(connect, sessionTimeoutMillis, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            if (!connected.await(60, TimeUnit.SECONDS)) {
                zk.close();
                throw new IOException("no session with " + connect + " within 60 s");
            }
            return zk;
        }
    }
}
