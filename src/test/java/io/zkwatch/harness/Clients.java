package io.zkwatch.harness;

import io.zkwatch.daemon.localzk.ClientSessions;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.LocalZkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Client load through the real ZooKeeper Java client: sessions (connected before they are returned),
 * znode trees and every kind of watch. Closing it closes every session it opened.
 *
 * <p>Sessions pinned to one member use a one-member connect string, so they never move. Sessions from
 * {@link #connectFrom distinct loopback addresses} look like distinct client hosts to the server.
 */
public final class Clients implements AutoCloseable {

    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final Duration sessionTimeout;
    private final Duration connectTimeout;
    private final List<ZooKeeper> sessions = new CopyOnWriteArrayList<>();

    public Clients() {
        this(DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }

    public Clients(Duration sessionTimeout, Duration connectTimeout) {
        this.sessionTimeout = sessionTimeout;
        this.connectTimeout = connectTimeout;
    }

    /** One session, connected. */
    public ZooKeeper connect(String connectString) throws InterruptedException {
        return connect(connectString, 1, Map.of()).get(0);
    }

    /** {@code count} sessions, opened together and all connected before this returns. */
    public List<ZooKeeper> connect(String connectString, int count) throws InterruptedException {
        return connect(connectString, count, Map.of());
    }

    /** A session that can only ever talk to {@code server}. */
    public ZooKeeper connectPinned(LocalServer server) throws InterruptedException {
        return connect(server.connectString());
    }

    /**
     * A session whose socket is bound to {@code localAddress} (for example {@code 127.0.0.2}) before it
     * connects, so the server sees that client address in {@code cons} and {@code wchc}.
     */
    public ZooKeeper connectFrom(String localAddress, String connectString) throws InterruptedException {
        return connect(connectString, 1, ClientSessions.boundTo(localAddress)).get(0);
    }

    public ZooKeeper connectFrom(String localAddress, LocalServer server) throws InterruptedException {
        return connectFrom(localAddress, server.connectString());
    }

    /**
     * A session over TLS (Netty client socket) presenting {@code pki}'s client certificate, for secure-only
     * servers. TLS 1.2 is enabled next to 1.3 because the 3.9 client offers only TLS 1.3 by default while
     * 3.8 and older servers accept only TLS 1.2 by default: with defaults they never complete a handshake.
     */
    public ZooKeeper connectTls(String connectString, TestPki pki) throws InterruptedException {
        return connect(connectString, 1, Map.of(
                ZKClientConfig.SECURE_CLIENT, "true",
                ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty",
                "zookeeper.ssl.enabledProtocols", "TLSv1.3,TLSv1.2",
                "zookeeper.ssl.keyStore.location", pki.clientKeyStore().toString(),
                "zookeeper.ssl.keyStore.password", pki.password(),
                "zookeeper.ssl.keyStore.type", "PKCS12",
                "zookeeper.ssl.trustStore.location", pki.trustStore().toString(),
                "zookeeper.ssl.trustStore.password", pki.password(),
                "zookeeper.ssl.trustStore.type", "PKCS12")).get(0);
    }

    /**
     * {@code count} sessions with the given client properties, all connected before this returns.
     *
     * @throws AssertionError if one does not connect within the connect timeout; all of them are closed then
     */
    public List<ZooKeeper> connect(String connectString, int count, Map<String, String> clientProperties)
            throws InterruptedException {
        try {
            List<ZooKeeper> opened = ClientSessions.open(connectString, count, clientProperties, sessionTimeout,
                    connectTimeout);
            sessions.addAll(opened);
            return opened;
        } catch (LocalZkException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Every session opened and not yet closed by {@link #close()}. */
    public List<ZooKeeper> sessions() {
        return List.copyOf(sessions);
    }

    /** Closes every session, each with a bounded wait. */
    @Override
    public void close() {
        ClientSessions.closeAll(sessions, Duration.ofSeconds(5));
        sessions.clear();
    }

    /** The session id as the 4lw print it: {@code 0x} and lower-case hex. */
    public static String hexId(ZooKeeper zk) {
        return ClientSessions.hexId(zk);
    }

    /** Creates {@code path} and any missing parents as persistent nodes; existing nodes are left alone. */
    public static void create(ZooKeeper zk, String path, String data) throws KeeperException, InterruptedException {
        ClientSessions.create(zk, path, data);
    }

    /**
     * Creates {@code root/n0 .. n<fanout-1>}, recursively {@code depth} levels deep, and returns every path
     * created below {@code root}, parents before children.
     */
    public static List<String> createTree(ZooKeeper zk, String root, int fanout, int depth)
            throws KeeperException, InterruptedException {
        create(zk, root, "");
        List<String> created = new ArrayList<>();
        if (depth > 0) {
            for (int i = 0; i < fanout; i++) {
                String child = (root.equals("/") ? "" : root) + "/n" + i;
                create(zk, child, "v" + i);
                created.add(child);
                created.addAll(createTree(zk, child, fanout, depth - 1));
            }
        }
        return created;
    }

    /** An ephemeral node owned by {@code zk}'s session; parents are created persistent. */
    public static String createEphemeral(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        return ClientSessions.createEphemeral(zk, path);
    }

    /** A one-shot data watch set by {@code getData}. The node must exist. */
    public static void watchData(ZooKeeper zk, String path, Watcher watcher) throws KeeperException, InterruptedException {
        zk.getData(path, watcher, null);
    }

    /** A one-shot watch set by {@code exists}; it is set even when the node is missing. Returns whether it exists. */
    public static boolean watchExists(ZooKeeper zk, String path, Watcher watcher)
            throws KeeperException, InterruptedException {
        return zk.exists(path, watcher) != null;
    }

    /** A one-shot child watch set by {@code getChildren} (not listed by wchc/wchp/wchs, counted by mntr). */
    public static List<String> watchChildren(ZooKeeper zk, String path, Watcher watcher)
            throws KeeperException, InterruptedException {
        return zk.getChildren(path, watcher);
    }

    /** {@code addWatch(PERSISTENT)}: data and child changes of {@code path}, until removed. ZooKeeper 3.6+. */
    public static void watchPersistent(ZooKeeper zk, String path, Watcher watcher)
            throws KeeperException, InterruptedException {
        zk.addWatch(path, watcher, AddWatchMode.PERSISTENT);
    }

    /** {@code addWatch(PERSISTENT_RECURSIVE)}: every change at or below {@code path}. ZooKeeper 3.6+. */
    public static void watchPersistentRecursive(ZooKeeper zk, String path, Watcher watcher)
            throws KeeperException, InterruptedException {
        zk.addWatch(path, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
    }
}
