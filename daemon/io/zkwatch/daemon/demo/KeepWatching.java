package io.zkwatch.daemon.demo;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A well-behaved watch, the way Curator's caches keep one alive: after every event the same watcher object
 * sets itself again on the same node, so the session holds exactly one watch there for as long as it lives.
 * The misbehaving populations are measured against this.
 */
final class KeepWatching implements Watcher {

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    /** The read that sets the watch, for example {@code w -> zk.getData(path, w, null)}. */
    @FunctionalInterface
    interface Registration {
        void register(Watcher watcher) throws KeeperException, InterruptedException;
    }

    private final Registration registration;

    private KeepWatching(Registration registration) {
        this.registration = registration;
    }

    /** Sets the first watch now, failing loudly if it cannot; every event after that sets the next one. */
    static void start(Registration registration) throws KeeperException, InterruptedException {
        KeepWatching watcher = new KeepWatching(registration);
        registration.register(watcher);
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() == Event.EventType.None) {
            return;
        }
        try {
            registration.register(this);
        } catch (KeeperException e) {
            LOG.debug("could not set a watch again after {}: {}", event, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
