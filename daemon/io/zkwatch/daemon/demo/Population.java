package io.zkwatch.daemon.demo;

import org.apache.zookeeper.KeeperException;

/** One group of demo clients with a behaviour worth seeing in zkwatch's metrics. */
interface Population {

    /** Opens its first sessions and sets up its schedule; returns once its initial state exists. */
    void start(DemoLoad load) throws KeeperException, InterruptedException;

    /** For the newcomer: what this group does wrong (or right), then the series that shows it. */
    String lookFor(DemoLoad load);
}
