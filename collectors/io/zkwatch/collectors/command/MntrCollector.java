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
import java.io.IOException;
import java.io.InputStream;
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
    private static final int MAX_EXPECTED_KEYS = 1024;

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
        MonitorStats.Builder values = MonitorStats.builder(expectedKeys(in));
        LineScanner line = new LineScanner(in, command(), options);
        Refusals.firstLine(line, command());
        boolean usual = false;
        do {
            if (usual) {
                int tab = line.separator(); // the value is printable ASCII: its bytes are its text
                values.putLatin1(key(line, tab), line.bytes(), line.start() + tab + 1, line.end());
            } else {
                any(line, values);
            }
            usual = line.nextKeyValueLine();
        } while (usual || line.next());
        if (!complete(values)) {
            throw line.truncated("no zk_version or zk_server_state");
        }
        return values.build();
    }

    /** Any line but the usual one: a cut-off line, a CR, a value with a tab or outside ASCII. */
    private static void any(LineScanner line, MonitorStats.Builder values) throws CollectorException {
        if (!line.terminated()) {
            throw line.truncated("the last line is cut off");
        }
        int tab = line.indexOf('\t');
        if (tab <= 0) {
            throw line.unparseable("zk_<key><tab><value>");
        }
        values.put(key(line, tab), line.text(tab + 1));
    }

    /** The key before {@code tab}, without {@code zk_}: the known keys' own Strings. */
    private static String key(LineScanner line, int tab) throws CollectorException {
        int key = tab >= KEY_PREFIX.length() && line.startsWith(KEY_PREFIX) ? KEY_PREFIX.length() : 0;
        return line.text(key, tab, MntrKeys.TABLE);
    }

    /**
     * About one key per 24 bytes of reply (3.9 prints 548 keys in 18.6 KB, 34 bytes a line; older versions fewer), so
     * that the map is sized once instead of growing four or five times while a reply is read.
     */
    private static int expectedKeys(InputStream in) {
        try {
            return Math.min(MAX_EXPECTED_KEYS, Math.max(16, in.available() / 24));
        } catch (IOException e) {
            return 16;
        }
    }

    private MonitorStats json(InputStream in) throws CollectorException {
        MonitorStats.Builder values = MonitorStats.builder(64);
        try (JsonReply reply = JsonReply.open(in, command(), options)) {
            reply.fields(name -> values.put(name, reply.valueText()));
            if (!complete(values)) {
                throw reply.unparseable("version and server_state fields");
            }
            return values.build();
        }
    }

    /** Whether the keys as parsed (before a second normalisation) hold the two every version prints. */
    private static boolean complete(MonitorStats.Builder values) {
        return values.containsKey("version") && values.containsKey("server_state");
    }
}
