package io.zkwatch.daemon.demo;

import java.time.Duration;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection leak: a service that builds a new ZooKeeper client for every request, reads its feature flags
 * (leaving a watch) and never closes the client. It is capped so that the demo never exhausts anything:
 * ZooKeeper refuses more than {@code maxClientCnxns} (60 by default) connections from one host to one member.
 */
final class ConnectionLeaker implements Population {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    static final String HOST = "127.0.0.20";
    static final Duration EVERY = Duration.ofSeconds(2);
    /** Spread over three members, about 40 per member: well below maxClientCnxns. */
    static final int CAP = 120;

    private int leaked;

    @Override
    public void start(DemoLoad load) {
        load.repeat("open a leaked session from " + HOST, EVERY, () -> {
            ZooKeeper zk = load.open(HOST, load.connectString());
            zk.getData(SkewedAgents.FLAGS, event -> { }, null);
            if (++leaked < CAP) {
                return true;
            }
            LOG.info("demo: the connection leaker ({}) has leaked {} sessions; it stops here so that the demo "
                    + "stays well below ZooKeeper's per-host connection limit", HOST, leaked);
            return false;
        });
    }

    @Override
    public String lookFor(DemoLoad load) {
        return "leak     " + HOST + " opens a session every " + EVERY.toSeconds() + "s and never closes it "
                + "(the demo stops it at " + CAP + ").\n"
                + "         zookeeper_client_connections{client=\"" + HOST + "\"} keeps climbing on every member.";
    }
}
