package io.zkwatch.harness.server;

import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.server.ServerCnxn;
import org.apache.zookeeper.server.watch.WatchManager;

/**
 * A ZooKeeper watch manager with the bug of ZOOKEEPER-1382: the watches of a closed connection are never removed,
 * so the server keeps listing them in {@code wchc} under the session id of a session that no longer exists.
 *
 * <p>Loaded by a real server in a child JVM ({@code -Dzookeeper.watchManagerName=} this class, with
 * {@code target/test-classes} on its classpath). It extends the default {@link WatchManager} and overrides only
 * {@link #removeWatcher(Watcher)}, whose signature is the same in 3.8 and 3.9, so one compiled class runs on both
 * (their {@code IWatchManager} differ in {@code triggerWatch}, which is inherited from the server's own class).
 */
public class LeakingWatchManager extends WatchManager {

    @Override
    public synchronized void removeWatcher(Watcher watcher) {
        if (watcher instanceof ServerCnxn cnxn && cnxn.isStale()) {
            return;
        }
        super.removeWatcher(watcher);
    }
}
