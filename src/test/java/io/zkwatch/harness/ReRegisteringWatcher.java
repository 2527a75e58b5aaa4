package io.zkwatch.harness;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * A one-shot watch that sets itself again on every event, the way Curator's caches and most hand-written
 * clients keep a watch alive. A data watch whose node was deleted continues as an exists watch, so it keeps
 * watching the missing node. Records every event it sees.
 */
public final class ReRegisteringWatcher extends RecordingWatcher {

    /** Which read sets the watch. */
    public enum Kind { DATA, EXISTS, CHILDREN }

    private final ZooKeeper zk;
    private final String path;
    private final Kind kind;

    private ReRegisteringWatcher(ZooKeeper zk, String path, Kind kind) {
        this.zk = zk;
        this.path = path;
        this.kind = kind;
    }

    /** Sets the first watch now; from then on every event sets the next one. */
    public static ReRegisteringWatcher watch(ZooKeeper zk, String path, Kind kind)
            throws KeeperException, InterruptedException {
        ReRegisteringWatcher watcher = new ReRegisteringWatcher(zk, path, kind);
        watcher.register();
        return watcher;
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() != Event.EventType.None) {
            try {
                register();
            } catch (KeeperException e) {
                // The session is gone or the server refused: nothing to re-register on; the event still counts.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.process(event);
    }

    private void register() throws KeeperException, InterruptedException {
        switch (kind) {
            case EXISTS -> zk.exists(path, this);
            case CHILDREN -> zk.getChildren(path, this);
            case DATA -> {
                try {
                    zk.getData(path, this, null);
                } catch (KeeperException.NoNodeException gone) {
                    zk.exists(path, this);
                }
            }
            default -> throw new IllegalStateException("unknown kind " + kind);
        }
    }
}
