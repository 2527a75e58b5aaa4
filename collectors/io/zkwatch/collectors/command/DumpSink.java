package io.zkwatch.collectors.command;

/**
 * A watch dump as its readers see it: paths as UTF-8 bytes (checked as strict UTF-8, absolute, without control
 * characters), session ids as longs. The bytes are only valid during the call; a sink copies what it keeps.
 *
 * <p>A by-session dump calls {@link #beginSession} then {@link #watchedPath} for each of that session's paths; a
 * by-path dump calls {@link #beginPath} then {@link #watcher} for each watching session; {@link #endGroup} closes
 * every group, including empty ones. The public, String-based {@link io.zkwatch.collectors.WatchVisitor} is
 * served through {@link VisitorSink}.
 */
interface DumpSink {

    void beginSession(long sessionId);

    /** The session begun last watches {@code buf[from, to)}. */
    void watchedPath(byte[] buf, int from, int to);

    void beginPath(byte[] buf, int from, int to);

    /** {@code sessionId} watches the path begun last. */
    void watcher(long sessionId);

    void endGroup();
}
