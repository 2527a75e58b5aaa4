package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchVisitor;
import java.io.InputStream;
import java.util.Objects;

/**
 * Watches by path: 4lw {@code wchp}, AdminServer {@code watches_by_path}.
 *
 * <p>4lw: a path line, then one {@code \t0x<session>} line per watcher, then an empty line after the last
 * path. AdminServer: {@code {"path_to_session_ids": {"<path>": [<decimal id>, ...]}}}; the ids are JSON numbers
 * above 2^53, read exactly as longs.
 */
public final class WatchesByPathCollector implements Collector<WatchDump> {

    private final ParseOptions options;
    private final WatchDumpOptions dumpOptions;

    public WatchesByPathCollector(ParseOptions options, WatchDumpOptions dumpOptions) {
        this.options = Objects.requireNonNull(options, "options");
        this.dumpOptions = Objects.requireNonNull(dumpOptions, "dumpOptions");
    }

    @Override
    public Command command() {
        return Command.WCHP;
    }

    @Override
    public WatchDump parse(Reply reply) throws CollectorException {
        WatchDumpAggregator aggregator = new WatchDumpAggregator(WatchDump.Order.BY_PATH, dumpOptions);
        stream(reply, aggregator);
        return aggregator.result();
    }

    /** Streams the reply's watches into {@code visitor}, one path group at a time. */
    public void stream(Reply reply, WatchVisitor visitor) throws CollectorException {
        Replies.parse(reply, command(), in -> readFourLetter(in, visitor), in -> readJson(in, visitor));
    }

    private Void readFourLetter(InputStream in, WatchVisitor visitor) throws CollectorException {
        String[] path = new String[1];
        GroupedDump.read(in, command(), options, visitor, "a path",
                line -> {
                    path[0] = GroupedDump.path(line, 0);
                    visitor.beginPath(path[0]);
                },
                line -> visitor.watch(line.hexId(1), path[0]));
        return null;
    }

    private Void readJson(InputStream in, WatchVisitor visitor) throws CollectorException {
        GroupedDump.readJson(in, command(), options, "path_to_session_ids", reply -> {
            String path = GroupedDump.path(reply, reply.name());
            visitor.beginPath(path);
            reply.arrayElements(() -> visitor.watch(reply.exactLong(), path));
            visitor.endGroup();
        });
        return null;
    }
}
