package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a call's TCP socket when its deadline passes, whatever the call is blocked in.
 *
 * <p>Why: socket read timeouts bound each read, but not a TLS handshake made of many reads, nor a write or
 * close that blocks. Closing the raw socket from outside is the one thing that ends all of them. One shared
 * daemon thread serves every transport in the process, so no call ever starts a thread of its own.
 */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private Watchdog() {
    }

    static Alarm arm(Socket socket, Deadline deadline) {
        Alarm alarm = new Alarm(socket);
        alarm.future = TIMER.schedule(alarm::fire, Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        return alarm;
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "zkwatch-transport-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Calls that finish in time cancel their alarm; remove it at once instead of at its due time.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** One armed deadline. Closing it disarms; {@link #fired()} tells whether the socket was closed by it. */
    static final class Alarm implements AutoCloseable {
        private final Socket socket;
        private volatile ScheduledFuture<?> future;
        private volatile boolean fired;

        private Alarm(Socket socket) {
            this.socket = socket;
        }

        boolean fired() {
            return fired;
        }

        private void fire() {
            fired = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we can do; the blocked call sees the failure
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
