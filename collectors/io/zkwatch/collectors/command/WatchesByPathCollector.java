package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchVisitor;
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
    void readFourLetter(InputStream in, WatchVisitor visitor) throws CollectorException {
        String[] path = new String[1];
        GroupedDump.read(in, command(), options, visitor, "a path",
                line -> {
                    path[0] = GroupedDump.path(line, 0);
                    visitor.beginPath(path[0]);
                },
                line -> visitor.watch(line.hexId(1), path[0]));
    }

    @Override
    void readJson(InputStream in, WatchVisitor visitor) throws CollectorException {
        GroupedDump.readJson(in, command(), options, "path_to_session_ids", reply -> {
            String path = GroupedDump.path(reply, reply.name());
            visitor.beginPath(path);
            reply.arrayElements(() -> visitor.watch(reply.exactLong(), path));
            visitor.endGroup();
        });
    }
}
