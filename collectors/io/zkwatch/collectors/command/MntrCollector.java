package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Monitor values: 4lw {@code mntr}, AdminServer {@code monitor}.
 *
 * <p>4lw ({@code MonitorCommand}): one {@code zk_<key>\t<value>} line per value, nothing after the last one, so
 * only a cut-off last line shows truncation; a reply without {@code zk_server_state} (printed early by every
 * version) is truncated too. AdminServer: one field per value; scalars are kept as written and an object or
 * array as compact JSON text, so later versions' structured values neither break parsing nor get lost.
 *
 * <p>On a member that is not serving (no quorum), ZooKeeper 3.8 and 3.9 answer the AdminServer's {@code monitor}
 * with HTTP 500: its MonitorCommand dereferences the missing server. Every other command says "not currently
 * serving requests", so {@link #collect} asks {@code ruok} after such an error and reports what it says, rather
 * than a bare HTTP status that would read as an AdminServer fault.
 */
public final class MntrCollector implements Collector<MonitorStats> {

    /**
     * What {@link MonitorStats#normaliseKey} strips, cut here from the line's bytes so that a line makes two
     * Strings (key and value) rather than four (the line, its two halves, the stripped key).
     */
    private static final String KEY_PREFIX = "zk_";

    private final ParseOptions options;

    public MntrCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.MNTR;
    }

    /** Over the AdminServer, an HTTP status failure is checked against {@code ruok} (one more request). */
    @Override
    public MonitorStats collect(CommandTransport transport) throws CollectorException {
        try {
            return Collector.super.collect(transport);
        } catch (CollectorException e) {
            if (transport.format() == ReplyFormat.ADMIN_JSON && e.kind() == FailureKind.HTTP_STATUS) {
                throw notServingOr(transport, e);
            }
            throw e;
        }
    }

    private static CollectorException notServingOr(CommandTransport transport, CollectorException monitorFailure) {
        try (Reply ignored = transport.fetch(Command.RUOK)) {
            return monitorFailure;
        } catch (CollectorException ruok) {
            if (ruok.kind() != FailureKind.NOT_SERVING) {
                monitorFailure.addSuppressed(ruok);
                return monitorFailure;
            }
            return new CollectorException(FailureKind.NOT_SERVING, monitorFailure.getMessage()
                    + "; ruok says the server is not currently serving requests (no quorum, or still starting)",
                    monitorFailure);
        }
    }

    @Override
    public MonitorStats parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), this::fourLetter, this::json);
    }

    private MonitorStats fourLetter(InputStream in) throws CollectorException {
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        Map<String, String> values = new LinkedHashMap<>();
        do {
            if (!line.terminated()) {
                throw line.truncated("the last line is cut off");
            }
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw line.unparseable("zk_<key><tab><value>");
            }
            int key = tab >= KEY_PREFIX.length() && line.startsWith(KEY_PREFIX) ? KEY_PREFIX.length() : 0;
            values.put(line.text(key, tab), line.text(tab + 1));
        } while (line.next());
        return complete(values, line.truncated("no zk_version or zk_server_state"));
    }

    private MonitorStats json(InputStream in) throws CollectorException {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> values.put(name, reply.valueText()));
            return complete(values, reply.unparseable("version and server_state fields"));
        }
    }

    private static MonitorStats complete(Map<String, String> values, CollectorException missing)
            throws CollectorException {
        if (!values.containsKey("version") || !values.containsKey("server_state")) {
            throw missing;
        }
        return new MonitorStats(values);
    }
}
