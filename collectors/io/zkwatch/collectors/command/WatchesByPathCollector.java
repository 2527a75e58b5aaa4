package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import java.io.InputStream;

/**
 * Watches by path: 4lw {@code wchp}, AdminServer {@code watches_by_path}.
 *
 * <p>4lw: a path line, then one {@code \t0x<session>} line per watcher, then an empty line after the last
 * path. AdminServer: {@code {"path_to_session_ids": {"<path>": [<decimal id>, ...]}}}; the ids are JSON numbers
 * above 2^53, read exactly as longs. Each path's count is complete within its group, so the top-K needs no
 * per-path map: this is the listing to prefer on servers with many paths.
 */
public final class WatchesByPathCollector extends WatchDumpCollector {

    public WatchesByPathCollector(ParseOptions options, WatchDumpOptions dumpOptions) {
        super(options, dumpOptions, WatchDump.Order.BY_PATH);
    }

    @Override
    public Command command() {
        return Command.WCHP;
    }

    @Override
    void readFourLetter(InputStream in, DumpSink sink) throws CollectorException {
        GroupedDump.read(in, command(), options, sink, "a path",
                line -> {
                    GroupedDump.checkPath(line, 0);
                    sink.beginPath(line.bytes(), line.start(), line.end());
                    watchers(line, sink);
                },
                line -> {
                    sink.watcher(line.hexId(1));
                    watchers(line, sink);
                });
    }

    /**
     * The lines that follow, as long as they take a fast path (member lines, and the next group's path when it is
     * printable ASCII); the rest go through the usual reading.
     */
    private static void watchers(LineScanner line, DumpSink sink) {
        do {
            while (line.nextIdLine()) {
                sink.watcher(line.lineId());
            }
            if (!line.nextPathHeader()) {
                return;
            }
            sink.endGroup();
            sink.beginPath(line.bytes(), line.start(), line.end());
        } while (true);
    }

    @Override
    void readJson(InputStream in, DumpSink sink) throws CollectorException {
        GroupedDump.readJson(in, command(), options, "path_to_session_ids", reply -> {
            byte[] path = PathBytes.utf8(GroupedDump.path(reply, reply.name()));
            sink.beginPath(path, 0, path.length);
            reply.arrayElements(() -> sink.watcher(reply.exactLong()));
            sink.endGroup();
        });
    }
}
