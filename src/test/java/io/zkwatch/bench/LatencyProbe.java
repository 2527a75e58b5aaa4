package io.zkwatch.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;

/**
 * Another client of the server under test: one session issuing {@code getData} back to back, one request in
 * flight, timing each. While the server is stalled, the request in flight waits, so the slowest request is the
 * longest stall this session saw.
 *
 * <p>A watching probe sets a data watch with each {@code getData}, as a caching client (Curator's caches, Kafka)
 * does: a dump holds the server's watch-manager lock, and a request that registers a watch waits for it. A plain
 * probe sets none, so it shows what a dump costs requests that never touch that lock.
 */
final class LatencyProbe implements AutoCloseable {

    private final ZooKeeper zk;
    private final String path;
    private final boolean watch;
    private volatile boolean running;
    private Thread thread;
    private long[] starts = new long[1 << 16];
    private long[] latencies = new long[1 << 16];
    private int count;
    private long startedAt;
    private volatile Exception failure;

    LatencyProbe(ZooKeeper zk, String path, boolean watch) {
        this.zk = zk;
        this.path = path;
        this.watch = watch;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("probe already running");
        }
        count = 0;
        failure = null;
        running = true;
        CountDownLatch first = new CountDownLatch(1);
        startedAt = System.nanoTime();
        thread = new Thread(() -> loop(first), "latency-probe-" + (watch ? "watching" : "plain"));
        thread.setDaemon(true);
        thread.start();
        try {
            if (!first.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the probe's first getData took over 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops after the request in flight and returns the figures of the window since {@link #start()}. */
    synchronized LatencyStats stop() {
        halt();
        return LatencyStats.of(latencies, count, (System.nanoTime() - startedAt) / 1e9);
    }

    /** Stops after the request in flight and returns the figures of the requests that overlap the interval. */
    synchronized LatencyStats stop(long fromNanos, long toNanos) {
        halt();
        return LatencyStats.between(starts, latencies, count, fromNanos, toNanos);
    }

    private void halt() {
        running = false;
        try {
            thread.join(TimeUnit.MINUTES.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the probe's request did not return within 5 minutes");
        }
        thread = null;
        if (failure != null) {
            throw new IllegalStateException("probe failed: " + failure, failure);
        }
    }

    private void loop(CountDownLatch first) {
        try {
            while (running) {
                long t0 = System.nanoTime();
                zk.getData(path, watch, null);
                record(t0, System.nanoTime() - t0);
                first.countDown();
            }
        } catch (Exception e) {
            failure = e;
            first.countDown();
        }
    }

    private void record(long start, long nanos) {
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count] = start;
        latencies[count++] = nanos;
    }

    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            stop();
        }
        zk.close();
    }
}
