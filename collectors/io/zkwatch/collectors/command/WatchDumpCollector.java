package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.WatchVisitor;
import java.io.InputStream;
import java.util.Objects;

/**
 * What the two watch-dump collectors share: a dump is streamed into a {@link WatchVisitor}, and
 * {@link #parse} uses the bounded-memory aggregator as that visitor. Subclasses only read their listing.
 */
abstract class WatchDumpCollector implements Collector<WatchDump> {

    protected final ParseOptions options;
    private final WatchDumpOptions dumpOptions;
    private final WatchDump.Order order;

    WatchDumpCollector(ParseOptions options, WatchDumpOptions dumpOptions, WatchDump.Order order) {
        this.options = Objects.requireNonNull(options, "options");
        this.dumpOptions = Objects.requireNonNull(dumpOptions, "dumpOptions");
        this.order = order;
    }

    @Override
    public WatchDump parse(Reply reply) throws CollectorException {
        WatchDumpAggregator aggregator = new WatchDumpAggregator(order, dumpOptions, reply.size());
        read(reply, aggregator);
        return aggregator.result();
    }

    /** Streams the reply's watches into {@code visitor}, one group at a time, without aggregating. */
    public void stream(Reply reply, WatchVisitor visitor) throws CollectorException {
        read(reply, new VisitorSink(visitor));
    }

    private void read(Reply reply, DumpSink sink) throws CollectorException {
        Replies.parse(reply, command(), in -> {
            readFourLetter(in, sink);
            return null;
        }, in -> {
            readJson(in, sink);
            return null;
        });
    }

    abstract void readFourLetter(InputStream in, DumpSink sink) throws CollectorException;

    abstract void readJson(InputStream in, DumpSink sink) throws CollectorException;
}
