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
 * Watches by session: 4lw {@code wchc}, AdminServer {@code watches}.
 *
 * <p>4lw: {@code 0x<session>} lines, each followed by {@code \t<path>} lines, then an empty line. AdminServer:
 * {@code {"session_id_to_watched_paths": {"<decimal id>": ["<path>", ...]}}}; the ids are JSON keys, so strings.
 */
public final class WatchesBySessionCollector implements Collector<WatchDump> {

    private final ParseOptions options;
    private final WatchDumpOptions dumpOptions;

    public WatchesBySessionCollector(ParseOptions options, WatchDumpOptions dumpOptions) {
        this.options = Objects.requireNonNull(options, "options");
        this.dumpOptions = Objects.requireNonNull(dumpOptions, "dumpOptions");
    }

    @Override
    public Command command() {
        return Command.WCHC;
    }

    @Override
    public WatchDump parse(Reply reply) throws CollectorException {
        WatchDumpAggregator aggregator = new WatchDumpAggregator(WatchDump.Order.BY_SESSION, dumpOptions);
        stream(reply, aggregator);
        return aggregator.result();
    }

    /** Streams the reply's watches into {@code visitor}, one session group at a time. */
    public void stream(Reply reply, WatchVisitor visitor) throws CollectorException {
        Replies.parse(reply, command(), in -> readFourLetter(in, visitor), in -> readJson(in, visitor));
    }

    private Void readFourLetter(InputStream in, WatchVisitor visitor) throws CollectorException {
        long[] session = new long[1];
        GroupedDump.read(in, command(), options, visitor, "a session id",
                line -> {
                    session[0] = line.hexId(0);
                    visitor.beginSession(session[0]);
                },
                line -> visitor.watch(session[0], GroupedDump.path(line, 1)));
        return null;
    }

    private Void readJson(InputStream in, WatchVisitor visitor) throws CollectorException {
        GroupedDump.readJson(in, command(), options, "session_id_to_watched_paths", reply -> {
            long id = reply.decimalKey(reply.name());
            visitor.beginSession(id);
            reply.arrayElements(() -> visitor.watch(id, GroupedDump.path(reply, reply.string())));
            visitor.endGroup();
        });
        return null;
    }
}
