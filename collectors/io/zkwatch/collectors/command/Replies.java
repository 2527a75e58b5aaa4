package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import java.io.IOException;
import java.io.InputStream;

/** Opens a reply's stream for a parser and closes it on every path. */
final class Replies {

    /** Parses a whole reply body. */
    interface StreamParser<T> {
        T parse(InputStream in) throws CollectorException;
    }

    private Replies() {
    }

    /** Runs the parser that matches the reply's format. */
    static <T> T parse(Reply reply, Command expected, StreamParser<T> fourLetter, StreamParser<T> json)
            throws CollectorException {
        return read(reply, expected, reply.format() == ReplyFormat.FOUR_LETTER ? fourLetter : json);
    }

    static <T> T read(Reply reply, Command expected, StreamParser<T> parser) throws CollectorException {
        if (reply.command() != expected) {
            throw new IllegalArgumentException("a " + reply.command().label() + " reply given to the "
                    + expected.label() + " parser");
        }
        try (InputStream in = reply.open()) {
            return parser.parse(in);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // A record refused what the lines added up to (say, one path listed twice). Record messages carry
            // no reply content, so this stays safe under redaction.
            throw new CollectorException(FailureKind.UNPARSEABLE,
                    expected.label() + ": inconsistent reply: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CollectorException(FailureKind.IO, expected.label() + ": reading the reply failed: " + e, e);
        }
    }
}
