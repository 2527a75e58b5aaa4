package io.zkwatch.collectors;

/**
 * Receives a watch dump as it is read, one event at a time, so that no dump is ever held whole in memory.
 *
 * <p>A by-session dump ({@code wchc}, {@code watches}) calls {@link #beginSession} then {@link #watch} for each
 * of that session's paths; a by-path dump ({@code wchp}, {@code watches_by_path}) calls {@link #beginPath}
 * then {@link #watch} for each watching session. {@link #endGroup} closes every group, including empty ones
 * (a session whose watches all fired keeps an empty entry; {@code WatchManagerOptimized} keeps paths whose
 * watchers died). ZooKeeper prints each session (or path) once per dump, so a group holds all of its watches.
 */
public interface WatchVisitor {

    default void beginSession(long sessionId) {
    }

    default void beginPath(String path) {
    }

    void watch(long sessionId, String path);

    default void endGroup() {
    }
}
