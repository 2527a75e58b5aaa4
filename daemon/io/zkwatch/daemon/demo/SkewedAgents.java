package io.zkwatch.daemon.demo;

import io.zkwatch.daemon.localzk.ClientSessions;
import io.zkwatch.daemon.localzk.LocalServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * Skew: 30 "flume agents" on ten hosts whose connect string names only member 1, so every one of them lands
 * there, each watching the same configuration nodes; beside them a few well-behaved application sessions
 * that name every member and so spread out. A writer rewrites one configuration node now and then, so the
 * agents' watches fire and are set again, as in production.
 */
final class SkewedAgents implements Population {

    static final String CONFIG = "/flume/config";
    static final List<String> CONFIG_NODES = List.of("sources", "channels", "sinks");
    static final String AGENTS = "/flume/agents";
    static final String FLAGS = "/app/config/feature-flags";
    /** Agents connect from 127.0.0.10 to 127.0.0.19, three per host. */
    static final int FIRST_HOST = 10;
    static final int HOSTS = 10;
    static final int PER_HOST = 3;
    static final int APP_SESSIONS = 6;
    /**
     * Rare on purpose: each rewrite fires 30 watches at once, and a dump taken while they are being set again
     * looks short next to the wchs before and after it.
     */
    static final Duration REWRITE_EVERY = Duration.ofSeconds(30);

    private int rewrites;

    @Override
    public void start(DemoLoad load) throws KeeperException, InterruptedException {
        ZooKeeper writer = load.open(DemoLoad.APP_HOST, load.connectString());
        for (String node : CONFIG_NODES) {
            ClientSessions.create(writer, CONFIG + "/" + node, "version 0");
        }
        ClientSessions.create(writer, FLAGS, "{}");
        String memberOne = load.ensemble().server(1).connectString();
        int agent = 0;
        for (int h = 0; h < HOSTS; h++) {
            for (ZooKeeper zk : load.open(host(h), memberOne, PER_HOST)) {
                ClientSessions.createEphemeral(zk, AGENTS + "/agent-" + (++agent));
                for (String node : CONFIG_NODES) {
                    String path = CONFIG + "/" + node;
                    KeepWatching.start(w -> zk.getData(path, w, null));
                }
            }
        }
        for (ZooKeeper zk : load.open(DemoLoad.APP_HOST, load.connectString(), APP_SESSIONS)) {
            KeepWatching.start(w -> zk.getData(FLAGS, w, null));
        }
        load.repeat("rewrite the flume configuration", REWRITE_EVERY, () -> {
            int n = ++rewrites;
            String node = CONFIG + "/" + CONFIG_NODES.get(n % CONFIG_NODES.size());
            writer.setData(node, ("version " + n).getBytes(StandardCharsets.UTF_8), -1);
            return true;
        });
    }

    static String host(int index) {
        return "127.0.0." + (FIRST_HOST + index);
    }

    @Override
    public String lookFor(DemoLoad load) {
        LocalServer one = load.ensemble().server(1);
        return "skew     " + HOSTS * PER_HOST + " flume agents (" + host(0) + "-" + host(HOSTS - 1)
                + ") name only member 1 in their connect string; " + APP_SESSIONS + " app sessions ("
                + DemoLoad.APP_HOST + ") name all three.\n"
                + "         zookeeper_connection_share{server=\"" + DemoLoad.serverLabel(one)
                + "\"} stays far above 1/3, and zookeeper_path_watchers there shows " + HOSTS * PER_HOST
                + " sessions on each " + CONFIG + "/* node.";
    }
}
