package io.zkwatch.daemon.demo;

import java.time.Duration;
import org.apache.zookeeper.ZooKeeper;

/**
 * The Curator leak: every CuratorFramework watches {@code /zookeeper/config} to follow reconfigurations, so
 * an application that builds a framework per task and forgets to close it piles up sessions that each hold
 * a watch on that one node. Capped like the connection leaker.
 */
final class ConfigWatcherLeak implements Population {

    static final String HOST = "127.0.0.22";
    static final String CONFIG_NODE = "/zookeeper/config";
    static final Duration EVERY = Duration.ofSeconds(5);
    static final int CAP = 16;

    private int leaked;

    @Override
    public void start(DemoLoad load) {
        load.repeat("open a config-watching session from " + HOST, EVERY, () -> {
            ZooKeeper zk = load.open(HOST, load.connectString());
            KeepWatching.start(w -> zk.getConfig(w, null));
            return ++leaked < CAP;
        });
    }

    @Override
    public String lookFor(DemoLoad load) {
        return "config   " + HOST + " leaks a Curator-style client every " + EVERY.toSeconds() + "s, each watching "
                + CONFIG_NODE + " (up to " + CAP + ").\n"
                + "         zookeeper_path_watchers{path=\"" + CONFIG_NODE + "\"} and "
                + "zookeeper_client_watches{client=\"" + HOST + "\"} grow.";
    }
}
