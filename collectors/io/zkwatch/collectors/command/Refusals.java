package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Texts a server writes instead of data. The transports recognise them first; parsers check again so that a
 * refusal can never be read as an empty, zero-valued record.
 */
final class Refusals {

    /** {@code AbstractFourLetterCommand.ZK_NOT_SERVING}, also the AdminServer's error for the same state. */
    static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";

    private static final Pattern NOT_WHITELISTED =
            Pattern.compile("[a-z]{4} is not executed because it is not in the whitelist\\.");

    private Refusals() {
    }

    /** Fails when the first line of a 4lw reply is a refusal; a no-op otherwise. */
    static void checkFirstLine(Command command, String line) throws CollectorException {
        String t = line.trim();
        if (NOT_WHITELISTED.matcher(t).matches()) {
            throw new CollectorException(FailureKind.NOT_WHITELISTED,
                    command.label() + " is not in the server's 4lw.commands.whitelist");
        }
        if (t.equals(NOT_SERVING)) {
            throw new CollectorException(FailureKind.NOT_SERVING, command.label() + ": server is not serving requests");
        }
    }

    /**
     * Reads the first line of a 4lw reply: an empty reply and a refusal are failures. Only a line holding a word of
     * either refusal is decoded and matched, so that an ordinary first line (a session id, a path, a version) costs
     * no String and no regular expression.
     */
    static void firstLine(LineScanner lines, Command command) throws CollectorException {
        if (!lines.next()) {
            throw new CollectorException(FailureKind.EMPTY_REPLY, command.label() + ": empty reply");
        }
        if (lines.length() < 200 && (lines.contains("whitelist") || lines.contains("serving requests"))) {
            checkFirstLine(command, lines.text());
        }
    }

    /** Maps the AdminServer's {@code "error"} text to a failure kind; the text is the server's, not reply data. */
    static CollectorException adminError(Command command, String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        FailureKind kind;
        if (error.startsWith(NOT_SERVING)) {
            kind = FailureKind.NOT_SERVING;
        } else if (lower.startsWith("unknown command")) {
            kind = FailureKind.HTTP_NOT_FOUND;
        } else if (lower.contains("auth") || lower.contains("not authorized") || lower.contains("permission")) {
            kind = FailureKind.HTTP_UNAUTHORIZED;
        } else {
            kind = FailureKind.UNAVAILABLE;
        }
        String shown = error.length() > 200 ? error.substring(0, 200) + "..." : error;
        return new CollectorException(kind, command.adminName() + ": server error: " + shown);
    }
}
