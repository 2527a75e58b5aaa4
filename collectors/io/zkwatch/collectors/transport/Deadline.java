package io.zkwatch.collectors.transport;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The overall time budget of one call, measured on the monotonic clock from its start. */
final class Deadline {
    private final Duration budget;
    private final long startNanos;
    private final long endNanos;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.startNanos = System.nanoTime();
        this.endNanos = startNanos + budget.toNanos();
    }

    static Deadline start(Duration budget) {
        return new Deadline(budget);
    }

    Duration budget() {
        return budget;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    boolean expired() {
        return remainingNanos() <= 0;
    }

    /** The remaining time as a socket timeout (at least 1 ms, since 0 would mean "forever"). */
    int timeoutMillis() throws SocketTimeoutException {
        long remaining = remainingNanos();
        if (remaining <= 0) {
            throw new DeadlineExceededException();
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (remaining + 999_999) / 1_000_000));
    }

    /** Throws once the deadline has passed, so a server that keeps sending cannot extend the call. */
    void check() throws SocketTimeoutException {
        if (expired()) {
            throw new DeadlineExceededException();
        }
    }

    /** Thrown by the call's own checks, as opposed to a socket timeout raised by the JDK. */
    static final class DeadlineExceededException extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        DeadlineExceededException() {
            super("overall deadline passed");
        }
    }
}
