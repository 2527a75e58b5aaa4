package io.zkwatch.daemon.demo;

import io.zkwatch.daemon.localzk.ClientSessions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch leak by re-registration. A scheduler (a well-behaved app session) creates a batch job every two
 * seconds and deletes finished ones; a tracker session watches the job list and every job it sees, setting
 * a fresh watcher object each time an event arrives. When a job is deleted its watch fires, the tracker's
 * getData finds no node and falls back to {@code exists}, which leaves a watch on the missing node that
 * nothing will ever fire: the tracker's watch count climbs by one per job, forever.
 */
final class JobTracker implements Population {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    static final String HOST = "127.0.0.21";
    static final String JOBS = "/batch/jobs";
    static final Duration EVERY = Duration.ofSeconds(2);
    /** Jobs alive at once; older ones are finished (deleted). */
    static final int RUNNING = 5;
    /** The scheduler stops after this many jobs (almost three hours), so the leak stays bounded. */
    static final int MAX_JOBS = 5000;

    private final Deque<String> running = new ArrayDeque<>();
    private int created;

    @Override
    public void start(DemoLoad load) throws KeeperException, InterruptedException {
        ZooKeeper scheduler = load.open(DemoLoad.APP_HOST, load.connectString());
        ClientSessions.create(scheduler, JOBS, "");
        new Tracker(load.open(HOST, load.connectString())).watchJobList();
        load.repeat("create and finish batch jobs", EVERY, () -> step(scheduler));
    }

    private boolean step(ZooKeeper scheduler) throws KeeperException, InterruptedException {
        running.add(scheduler.create(JOBS + "/job-", ("job " + (++created)).getBytes(StandardCharsets.UTF_8),
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
        while (running.size() > RUNNING) {
            scheduler.delete(running.remove(), -1);
        }
        if (created < MAX_JOBS) {
            return true;
        }
        LOG.info("demo: the batch scheduler has run {} jobs and stops; the job tracker's leaked watches stay",
                created);
        return false;
    }

    @Override
    public String lookFor(DemoLoad load) {
        return "watches  " + HOST + " re-registers a fresh watcher on every event and keeps watching finished jobs "
                + "under " + JOBS + ".\n"
                + "         zookeeper_session_watches{client=\"" + HOST + "\"} climbs by one per job (every "
                + EVERY.toSeconds() + "s).";
    }

    /** The buggy client: all its work happens in watcher callbacks, on its session's event thread. */
    private static final class Tracker {
        private final ZooKeeper zk;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        Tracker(ZooKeeper zk) {
            this.zk = zk;
        }

        void watchJobList() throws KeeperException, InterruptedException {
            List<String> jobs = zk.getChildren(JOBS, onEvent(this::watchJobList));
            for (String job : jobs) {
                if (seen.add(job)) {
                    watchJob(JOBS + "/" + job);
                }
            }
        }

        void watchJob(String path) throws KeeperException, InterruptedException {
            Watcher again = onEvent(() -> watchJob(path));
            try {
                zk.getData(path, again, null);
            } catch (KeeperException.NoNodeException finished) {
                // The bug: "wait until it comes back", for a job that never will.
                zk.exists(path, again);
            }
        }

        /** A new watcher object for every registration, as the buggy client does. */
        private static Watcher onEvent(Action action) {
            return (WatchedEvent event) -> {
                if (event.getType() == Watcher.Event.EventType.None) {
                    return;
                }
                try {
                    action.run();
                } catch (KeeperException e) {
                    LOG.debug("job tracker: {}", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws KeeperException, InterruptedException;
    }
}
