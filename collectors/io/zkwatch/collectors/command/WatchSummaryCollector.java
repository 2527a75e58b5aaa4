package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.WatchSummary;
import java.io.InputStream;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watch summary: 4lw {@code wchs}, AdminServer {@code watch_summary}.
 *
 * <p>4lw ({@code WatchManager.toString} plus {@code WatchCommand}'s newline):
 * {@code <n> connections watching <m> paths} then {@code Total watches:<t>}. AdminServer:
 * {@code num_connections}, {@code num_paths}, {@code num_total_watches}.
 */
public final class WatchSummaryCollector implements Collector<WatchSummary> {

    private static final Pattern FIRST = Pattern.compile("(\\d{1,18}) connections watching (\\d{1,18}) paths");
    private static final Pattern SECOND = Pattern.compile("Total watches:(\\d{1,18})");

    private final ParseOptions options;

    public WatchSummaryCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.WCHS;
    }

    @Override
    public WatchSummary parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, this::json);
    }

    private WatchSummary fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        Matcher first = FIRST.matcher(line.text());
        if (!first.matches()) {
            throw line.unparseable("\"<n> connections watching <m> paths\"");
        }
        if (!line.next()) {
            throw line.truncated("no \"Total watches\" line");
        }
        Matcher second = SECOND.matcher(line.text());
        if (!second.matches()) {
            throw line.unparseable("\"Total watches:<n>\"");
        }
        if (!line.terminated()) {
            throw line.truncated("the last line is cut off");
        }
        while (line.next()) {
            if (!line.isEmpty()) {
                throw line.unparseable("the end of the reply");
            }
        }
        return new WatchSummary(Long.parseLong(first.group(1)), Long.parseLong(first.group(2)),
                Long.parseLong(second.group(1)));
    }

    private WatchSummary json(InputStream in) throws CollectorException {
        long[] v = {-1, -1, -1};
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> {
                switch (name) {
                    case "num_connections" -> v[0] = reply.exactLong();
                    case "num_paths" -> v[1] = reply.exactLong();
                    case "num_total_watches" -> v[2] = reply.exactLong();
                    default -> reply.skip();
                }
            });
            if (v[0] < 0 || v[1] < 0 || v[2] < 0) {
                throw reply.unparseable("num_connections, num_paths and num_total_watches");
            }
        }
        return new WatchSummary(v[0], v[1], v[2]);
    }
}
