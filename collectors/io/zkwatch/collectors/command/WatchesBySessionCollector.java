package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import java.io.InputStream;

/**
 * Watches by session: 4lw {@code wchc}, AdminServer {@code watches}.
 *
 * <p>4lw: {@code 0x<session>} lines, each followed by {@code \t<path>} lines, then an empty line. AdminServer:
 * {@code {"session_id_to_watched_paths": {"<decimal id>": ["<path>", ...]}}}; the ids are JSON keys, so strings.
 * The by-session order counts every distinct path (bounded, {@link HeavyHitters}) to find the most-watched ones.
 */
public final class WatchesBySessionCollector extends WatchDumpCollector {

    public WatchesBySessionCollector(ParseOptions options, WatchDumpOptions dumpOptions) {
        super(options, dumpOptions, WatchDump.Order.BY_SESSION);
    }

    @Override
    public Command command() {
        return Command.WCHC;
    }

    @Override
    void readFourLetter(InputStream in, DumpSink sink) throws CollectorException {
        GroupedDump.read(in, command(), options, sink, "a session id",
                line -> {
                    sink.beginSession(line.hexId(0));
                    watchedPaths(line, sink);
                },
                line -> {
                    GroupedDump.checkPath(line, 1);
                    sink.watchedPath(line.bytes(), line.start() + 1, line.end());
                    watchedPaths(line, sink);
                });
    }

    /** The member lines that follow, as long as they take the fast path; the rest go through the usual reading. */
    private static void watchedPaths(LineScanner line, DumpSink sink) {
        while (line.nextPathLine()) {
            sink.watchedPath(line.bytes(), line.start() + 1, line.end());
        }
    }

    @Override
    void readJson(InputStream in, DumpSink sink) throws CollectorException {
        GroupedDump.readJson(in, command(), options, "session_id_to_watched_paths", reply -> {
            sink.beginSession(reply.decimalKey(reply.name()));
            reply.arrayElements(() -> {
                byte[] path = PathBytes.utf8(GroupedDump.path(reply, reply.string()));
                sink.watchedPath(path, 0, path.length);
            });
            sink.endGroup();
        });
    }
}
