package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchVisitor;
import java.io.InputStream;

/**
 * Watches by session: 4lw {@code wchc}, AdminServer {@code watches}.
 *
 * <p>4lw: {@code 0x<session>} lines, each followed by {@code \t<path>} lines, then an empty line. AdminServer:
 * {@code {"session_id_to_watched_paths": {"<decimal id>": ["<path>", ...]}}}; the ids are JSON keys, so strings.
 * The by-session order keeps one exact counter per distinct path to find the most-watched ones.
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
    void readFourLetter(InputStream in, WatchVisitor visitor) throws CollectorException {
        long[] session = new long[1];
        PathTable paths = new PathTable();
        GroupedDump.read(in, command(), options, visitor, "a session id",
                line -> {
                    session[0] = line.hexId(0);
                    visitor.beginSession(session[0]);
                },
                line -> visitor.watch(session[0], GroupedDump.path(line, 1, paths)));
    }

    @Override
    void readJson(InputStream in, WatchVisitor visitor) throws CollectorException {
        GroupedDump.readJson(in, command(), options, "session_id_to_watched_paths", reply -> {
            long id = reply.decimalKey(reply.name());
            visitor.beginSession(id);
            reply.arrayElements(() -> visitor.watch(id, GroupedDump.path(reply, reply.string())));
            visitor.endGroup();
        });
    }
}
