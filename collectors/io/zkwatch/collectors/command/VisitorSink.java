package io.zkwatch.collectors.command;

import io.zkwatch.collectors.WatchVisitor;

/** Hands a dump to a {@link WatchVisitor}: one String per path line (by session) or per path group (by path). */
final class VisitorSink implements DumpSink {

    private final WatchVisitor visitor;
    private long session;
    private String path;

    VisitorSink(WatchVisitor visitor) {
        this.visitor = visitor;
    }

    @Override
    public void beginSession(long sessionId) {
        session = sessionId;
        visitor.beginSession(sessionId);
    }

    @Override
    public void watchedPath(byte[] buf, int from, int to) {
        visitor.watch(session, PathBytes.text(buf, from, to));
    }

    @Override
    public void beginPath(byte[] buf, int from, int to) {
        path = PathBytes.text(buf, from, to);
        visitor.beginPath(path);
    }

    @Override
    public void watcher(long sessionId) {
        visitor.watch(sessionId, path);
    }

    @Override
    public void endGroup() {
        visitor.endGroup();
    }
}
