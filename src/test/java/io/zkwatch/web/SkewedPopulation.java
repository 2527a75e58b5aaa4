package io.zkwatch.web;

import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZkwatchBoundClientCnxnSocket;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * The client population the page and the dashboards are checked against, built with the real ZooKeeper client:
 * <ul>
 *   <li>a skewed population: {@value #SKEWED_SESSIONS} sessions from distinct hosts 127.0.0.10, .11, ... all
 *       pinned to the first member, each with several data watches, one child watch and one exists watch;</li>
 *   <li>a leaking client: {@value #LEAKED_SESSIONS} sessions from the one host {@value #LEAKING_HOST}, spread
 *       evenly over the members, each with one data watch;</li>
 *   <li>watches on paths with markup, quotes and Unicode in them ({@link #ODD_PATHS}), from the first
 *       {@value #ODD_PATH_WATCHERS} skewed sessions.</li>
 * </ul>
 */
public final class SkewedPopulation {

    public static final int SKEWED_SESSIONS = 24;
    public static final int LEAKED_SESSIONS = 30;
    public static final String LEAKING_HOST = "127.0.0.77";
    /** How many skewed sessions watch each odd path: enough to rank them among the top paths. */
    public static final int ODD_PATH_WATCHERS = 3;
    /** Valid znode paths that would break a page that pasted them in as markup. */
    public static final List<String> ODD_PATHS = List.of(
            "/odd/<img src=x onerror=\"window.__xss=1\">",
            "/odd/ünïcødé \"quoted\" & 'single' → ✓");

    private final LocalServer hot;
    private final List<LocalServer> members;

    private SkewedPopulation(LocalServer hot, List<LocalServer> members) {
        this.hot = hot;
        this.members = List.copyOf(members);
    }

    /** The member the skewed population is pinned to. */
    public LocalServer hot() {
        return hot;
    }

    /**
     * Whether a scrape of zkwatch shows the whole population: every session with data watches in the hot member's
     * last {@code wchc}, the leaking host's connections in every member's {@code cons}, and the odd paths in
     * {@code wchp}. Only then do the page and the dashboards have the final numbers to show.
     */
    public boolean fullyVisible(String exposition, String ensemble) {
        String hotServer = "server=\"127.0.0.1:" + hot.clientPort() + "\"";
        double watching = DaemonHarness.value(exposition, "zookeeper_watching_sessions{ensemble=\"" + ensemble
                + "\"," + hotServer);
        if (watching != SKEWED_SESSIONS + LEAKED_SESSIONS / members.size()) {
            return false;
        }
        for (LocalServer s : members) {
            double leaked = DaemonHarness.value(exposition, "zookeeper_client_connections{ensemble=\"" + ensemble
                    + "\",server=\"127.0.0.1:" + s.clientPort() + "\",client=\"" + LEAKING_HOST + "\"");
            if (leaked != LEAKED_SESSIONS / members.size()) {
                return false;
            }
        }
        return exposition.contains("path=\"/odd/");
    }

    /** The host of the {@code i}-th skewed session. */
    public static String skewedHost(int i) {
        return "127.0.0." + (10 + i);
    }

    public static SkewedPopulation create(Clients clients, LocalEnsemble zk)
            throws KeeperException, InterruptedException {
        LocalServer hot = zk.servers().get(0);
        ZooKeeper setup = clients.connect(zk.connectString());
        for (int p = 0; p < 8; p++) {
            Clients.create(setup, "/app/config/n" + p, "v" + p);
        }
        Clients.create(setup, "/app/leader", "x");
        for (String odd : ODD_PATHS) {
            Clients.create(setup, odd, "x");
        }
        setup.close();
        for (int i = 0; i < SKEWED_SESSIONS; i++) {
            ZooKeeper zkc = clients.connectFrom(skewedHost(i), hot);
            for (int p = 0; p < 3 + i % 5; p++) {
                Clients.watchData(zkc, "/app/config/n" + p, e -> { });
            }
            Clients.watchChildren(zkc, "/app/config", e -> { });
            Clients.watchExists(zkc, "/app/missing-" + i, e -> { });
            if (i < ODD_PATH_WATCHERS) {
                for (String odd : ODD_PATHS) {
                    Clients.watchData(zkc, odd, e -> { });
                }
            }
        }
        int perMember = LEAKED_SESSIONS / zk.servers().size();
        for (LocalServer s : zk.servers()) {
            for (ZooKeeper leaked : clients.connect(s.connectString(), perMember, Map.of(
                    ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ZkwatchBoundClientCnxnSocket.class.getName(),
                    ZkwatchBoundClientCnxnSocket.LOCAL_ADDRESS, LEAKING_HOST))) {
                Clients.watchData(leaked, "/app/leader", e -> { });
            }
        }
        return new SkewedPopulation(hot, zk.servers());
    }
}
