package io.zkwatch.bench;

import java.io.IOException;

/** Two probes on sessions of their own, run over the same windows: one that sets watches, one that does not. */
final class Probes implements AutoCloseable {

    /** The figures of one window: of the watching probe, and of the plain one. */
    record Window(LatencyStats watching, LatencyStats plain) {
    }

    private final LatencyProbe watching;
    private final LatencyProbe plain;

    private Probes(LatencyProbe watching, LatencyProbe plain) {
        this.watching = watching;
        this.plain = plain;
    }

    static Probes connect(String connect, int sessionTimeoutMillis, String path)
            throws IOException, InterruptedException {
        LatencyProbe w = new LatencyProbe(WatchLoad.Clients.connect(connect, sessionTimeoutMillis), path, true);
        try {
            return new Probes(w, new LatencyProbe(WatchLoad.Clients.connect(connect, sessionTimeoutMillis), path,
                    false));
        } catch (IOException | InterruptedException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    void start() {
        watching.start();
        plain.start();
    }

    Window stop() {
        return new Window(watching.stop(), plain.stop());
    }

    /** Stops both; the figures are of the requests that overlap {@code [fromNanos, toNanos]} only. */
    Window stop(long fromNanos, long toNanos) {
        return new Window(watching.stop(fromNanos, toNanos), plain.stop(fromNanos, toNanos));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            watching.close();
        } finally {
            plain.close();
        }
    }
}
