package io.zkwatch.daemon.demo;

import io.zkwatch.daemon.localzk.ClientSessions;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's client load: every population's sessions, in this JVM through the real ZooKeeper client, and
 * the one small scheduler that drives them. {@link #close()} stops the schedule and ends every session.
 */
final class DemoLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Well-behaved application sessions (and the writers that make watches fire) connect from here. */
    static final String APP_HOST = "127.0.0.30";

    /** One step of a repeating behaviour; returns whether to go on. */
    @FunctionalInterface
    interface Step {
        boolean run() throws KeeperException, InterruptedException;
    }

    private final LocalEnsemble ensemble;
    private final List<Population> populations;
    private final List<ZooKeeper> sessions = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoLoad(LocalEnsemble ensemble, List<Population> populations) {
        this.ensemble = ensemble;
        this.populations = List.copyOf(populations);
        AtomicInteger n = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "zkwatch-demo-load-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts every population against {@code ensemble}, in order; on failure closes what it opened.
     */
    static DemoLoad start(LocalEnsemble ensemble, List<Population> populations)
            throws KeeperException, InterruptedException {
        DemoLoad load = new DemoLoad(ensemble, populations);
        try {
            for (Population p : populations) {
                p.start(load);
            }
            return load;
        } catch (KeeperException | InterruptedException | RuntimeException e) {
            load.close();
            throw e;
        }
    }

    /** One line pair per population, in start order. */
    List<String> lookFor() {
        return populations.stream().map(p -> p.lookFor(this)).toList();
    }

    LocalEnsemble ensemble() {
        return ensemble;
    }

    /** A connect string naming every member. */
    String connectString() {
        return ensemble.connectString();
    }

    /** The member zkwatch labels {@code server="..."}: the address in the demo's configuration. */
    static String serverLabel(LocalServer server) {
        return server.connectString();
    }

    /** A connected session from {@code localAddress}, closed with the load. */
    ZooKeeper open(String localAddress, String connectString) throws InterruptedException {
        return open(localAddress, connectString, 1).get(0);
    }

    /** {@code count} connected sessions from {@code localAddress}, closed with the load. */
    List<ZooKeeper> open(String localAddress, String connectString, int count) throws InterruptedException {
        if (closed.get()) {
            throw new IllegalStateException("the demo load is closed");
        }
        List<ZooKeeper> opened = ClientSessions.open(connectString, count, ClientSessions.boundTo(localAddress),
                SESSION_TIMEOUT, CONNECT_TIMEOUT);
        sessions.addAll(opened);
        if (closed.get()) {
            // close() ran meanwhile and did not see these.
            closeSessions(opened);
        }
        return opened;
    }

    /** Runs {@code step} now and then every {@code period} after the previous run ended, while it says so. */
    void repeat(String what, Duration period, Step step) {
        submit(() -> runStep(what, period, step), Duration.ZERO);
    }

    private void runStep(String what, Duration period, Step step) {
        boolean again = true;
        try {
            again = step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (KeeperException | RuntimeException e) {
            if (!closed.get()) {
                LOG.warn("demo load: cannot {}: {}; trying again in {}s", what, e.toString(), period.toSeconds());
            }
        }
        if (again) {
            submit(() -> runStep(what, period, step), period);
        }
    }

    private void submit(Runnable task, Duration delay) {
        if (closed.get()) {
            return;
        }
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // close() is under way: nothing more to schedule.
        }
    }

    /** Stops the schedule, then closes every session, several at a time. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("demo load: a client step did not stop within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSessions(sessions);
        sessions.clear();
    }

    /**
     * Closing a session is a write the quorum commits, a few milliseconds each; the leaker alone holds over a
     * hundred, so they close in parallel batches.
     */
    private static void closeSessions(List<ZooKeeper> toClose) {
        int threads = Math.max(1, Math.min(16, toClose.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "zkwatch-demo-close");
            t.setDaemon(true);
            return t;
        });
        try {
            List<List<ZooKeeper>> batches = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                batches.add(new ArrayList<>());
            }
            for (int i = 0; i < toClose.size(); i++) {
                batches.get(i % threads).add(toClose.get(i));
            }
            batches.forEach(b -> pool.execute(() -> ClientSessions.closeAll(b, Duration.ofSeconds(5))));
        } finally {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("demo load: sessions were still closing after 30s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
