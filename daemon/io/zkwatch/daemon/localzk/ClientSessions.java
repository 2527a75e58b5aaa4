package io.zkwatch.daemon.localzk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.ZkwatchBoundClientCnxnSocket;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Real ZooKeeper client sessions against local servers, for the demo's client load and the tests: opened
 * and connected before they are handed out, optionally from a chosen loopback address so that the server
 * sees a distinct client host in {@code cons} and {@code wchc}.
 *
 * <p>A session that does not connect in time is closed here rather than left retrying in the background,
 * so a failed start never leaks client threads.
 */
public final class ClientSessions {

    private ClientSessions() {
    }

    /**
     * Client properties that bind the session's socket to {@code localAddress} (for example {@code 127.0.0.2})
     * before it connects. On Linux every 127.x.y.z address is local without any set-up.
     */
    public static Map<String, String> boundTo(String localAddress) {
        return Map.of(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ZkwatchBoundClientCnxnSocket.class.getName(),
                ZkwatchBoundClientCnxnSocket.LOCAL_ADDRESS, localAddress);
    }

    /**
     * Opens {@code count} sessions together and returns them once all are connected.
     *
     * @param clientProperties {@link ZKClientConfig} properties, for example {@link #boundTo(String)}
     * @throws LocalZkException if one cannot be created or does not connect within {@code connectTimeout};
     *                          every session opened by this call is closed first
     */
    public static List<ZooKeeper> open(String connectString, int count, Map<String, String> clientProperties,
                                       Duration sessionTimeout, Duration connectTimeout)
            throws InterruptedException {
        List<ZooKeeper> opened = new ArrayList<>(count);
        List<CountDownLatch> connected = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                CountDownLatch latch = new CountDownLatch(1);
                Watcher onConnect = event -> {
                    if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                        latch.countDown();
                    }
                };
                ZKClientConfig config = new ZKClientConfig();
                clientProperties.forEach(config::setProperty);
                opened.add(new ZooKeeper(connectString, Math.toIntExact(sessionTimeout.toMillis()), onConnect,
                        config));
                connected.add(latch);
            }
            long deadline = System.nanoTime() + connectTimeout.toNanos();
            for (CountDownLatch latch : connected) {
                if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new LocalZkException(count + " sessions to " + connectString + " with " + clientProperties
                            + " did not all connect within " + connectTimeout);
                }
            }
            return List.copyOf(opened);
        } catch (IOException e) {
            closeAll(opened, Duration.ofSeconds(5));
            throw new LocalZkException("cannot create a ZooKeeper client for " + connectString + ": " + e, e);
        } catch (RuntimeException | InterruptedException e) {
            closeAll(opened, Duration.ofSeconds(5));
            throw e;
        }
    }

    /** One session, connected; see {@link #open(String, int, Map, Duration, Duration)}. */
    public static ZooKeeper open(String connectString, Map<String, String> clientProperties,
                                 Duration sessionTimeout, Duration connectTimeout) throws InterruptedException {
        return open(connectString, 1, clientProperties, sessionTimeout, connectTimeout).get(0);
    }

    /**
     * Closes every session, each waiting at most {@code eachTimeout} for its threads to end. An interrupt
     * stops the waiting but every session still gets its close.
     */
    public static void closeAll(Collection<ZooKeeper> sessions, Duration eachTimeout) {
        boolean interrupted = false;
        for (ZooKeeper zk : sessions) {
            try {
                zk.close(interrupted ? 0 : Math.toIntExact(eachTimeout.toMillis()));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The session id as the 4lw print it: {@code 0x} and lower-case hex. */
    public static String hexId(ZooKeeper zk) {
        return "0x" + Long.toHexString(zk.getSessionId());
    }

    /** Creates {@code path} and any missing parents as persistent nodes; existing nodes are left alone. */
    public static void create(ZooKeeper zk, String path, String data) throws KeeperException, InterruptedException {
        createParents(zk, path);
        try {
            zk.create(path, data.getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // Idempotent on purpose: load scripts re-run against a shared ensemble.
        }
    }

    /** An ephemeral node owned by {@code zk}'s session; parents are created persistent. */
    public static String createEphemeral(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        createParents(zk, path);
        return zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    }

    private static void createParents(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            create(zk, path.substring(0, slash), "");
        }
    }
}
