package io.zkwatch.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/** Records every event it receives; tests wait for a matching one with a bounded deadline. */
public class RecordingWatcher implements Watcher {

    private final List<WatchedEvent> events = new ArrayList<>();

    @Override
    public void process(WatchedEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    public List<WatchedEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first recorded event matching {@code filter}, waiting for it up to {@code timeout}. */
    public WatchedEvent await(Predicate<WatchedEvent> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (WatchedEvent e : events) {
                    if (filter.test(e)) {
                        return e;
                    }
                }
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    throw new AssertionError("no matching watch event within " + timeout + "; got " + events);
                }
                events.wait(leftMillis);
            }
        }
    }

    /** Waits until at least {@code count} events have arrived. */
    public void awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (events.size() < count) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    throw new AssertionError("expected " + count + " watch events within " + timeout + "; got " + events);
                }
                events.wait(leftMillis);
            }
        }
    }
}
