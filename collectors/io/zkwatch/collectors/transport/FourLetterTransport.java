package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Four-letter words over plain TCP or TLS: connect, write the four bytes, drain until the server closes.
 * Immutable; any number of polls may share one instance.
 */
final class FourLetterTransport implements CommandTransport {
    /** ZooKeeper's own text (AbstractFourLetterCommand.ZK_NOT_SERVING) for a server without quorum. */
    static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";
    /** ZooKeeper's whitelist refusal follows the command's four letters. */
    static final String NOT_WHITELISTED = " is not executed because it is not in the whitelist.";

    private final String host;
    private final int port;
    private final Optional<TlsSettings> tls;
    private final Limits limits;
    private final String target;

    FourLetterTransport(String host, int port, Optional<TlsSettings> tls, Limits limits) {
        this.host = Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("bad address " + host + ":" + port);
        }
        this.port = port;
        this.tls = Objects.requireNonNull(tls, "tls");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.target = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public ReplyFormat format() {
        return ReplyFormat.FOUR_LETTER;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public Reply fetch(Command command) throws CollectorException {
        Objects.requireNonNull(command, "command");
        Call call = new Call(command.label(), target + (tls.isPresent() ? " (TLS)" : ""), limits.deadline(),
                limits.connectTimeout());
        String word = command.fourLetterWord().orElseThrow(() -> call.fail(FailureKind.UNAVAILABLE,
                "this command has no four-letter word; it exists only on the AdminServer"));
        Spool body = receive(call, word);
        try {
            checkRefusals(call, word, body);
            return new Reply(command, ReplyFormat.FOUR_LETTER, body, call.deadline().elapsed());
        } catch (CollectorException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    private Spool receive(Call call, String word) throws CollectorException {
        try (SpoolWriter writer = Spools.writer(limits);
             Connection connection = Connection.open(call, host, port, tls)) {
            call.phase(Call.Phase.REQUEST);
            OutputStream out = connection.out();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            call.phase(Call.Phase.REPLY);
            Drain.all(connection.in(), writer, limits.maxBytes());
            return writer.finish();
        } catch (IOException e) {
            throw call.classify(e);
        }
    }

    /** The server's refusals arrive as ordinary text; recognise them here so no parser reads them as data. */
    private void checkRefusals(Call call, String word, Spool body) throws CollectorException {
        if (body.size() == 0) {
            throw call.fail(FailureKind.EMPTY_REPLY, "the server closed the connection without replying; "
                    + "the command is unknown to this ZooKeeper version"
                    + (tls.isPresent() ? "" : ", or the port expects TLS (secureClientPort)"));
        }
        String start;
        try (InputStream in = body.open()) {
            start = new String(in.readNBytes(NOT_SERVING.length() + 8), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw call.fail(FailureKind.IO, "cannot read back the spooled reply: " + e, e);
        }
        if (start.startsWith(word + NOT_WHITELISTED)) {
            throw call.fail(FailureKind.NOT_WHITELISTED, "refused by the server's 4lw whitelist; add " + word
                    + " to 4lw.commands.whitelist or poll it through the AdminServer");
        }
        if (start.startsWith(NOT_SERVING)) {
            throw call.fail(FailureKind.NOT_SERVING,
                    "the server is up but not serving requests (no quorum, leader election, or still starting)");
        }
    }
}
