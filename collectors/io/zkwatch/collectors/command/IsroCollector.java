package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.ReadOnlyStatus;
import io.zkwatch.collectors.Reply;
import java.util.Objects;

/**
 * Read-only mode: 4lw {@code isro} answers {@code rw} or {@code ro} without a newline, and {@code null} when the
 * server is not running ({@code IsroCommand}); AdminServer {@code is_read_only} gives {@code "read_only": bool}.
 */
public final class IsroCollector implements Collector<ReadOnlyStatus> {

    private final ParseOptions options;

    public IsroCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.ISRO;
    }

    @Override
    public ReadOnlyStatus parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), in -> {
            LineScanner line = new LineScanner(in, command(), options);
            Refusals.firstLine(line, command());
            boolean readOnly;
            if (line.is("null")) {
                throw new CollectorException(FailureKind.NOT_SERVING, "isro: server is not running");
            } else if (line.is("ro")) {
                readOnly = true;
            } else if (line.is("rw")) {
                readOnly = false;
            } else {
                throw line.unparseable("rw or ro");
            }
            if (line.next()) {
                throw line.unparseable("the end of the reply");
            }
            return new ReadOnlyStatus(readOnly);
        }, in -> {
            Boolean[] readOnly = {null};
            try (JsonReply json = JsonReply.open(in, command(), options)) {
                json.fields(name -> {
                    if (name.equals("read_only")) {
                        readOnly[0] = json.bool();
                    } else {
                        json.skip();
                    }
                });
                if (readOnly[0] == null) {
                    throw json.unparseable("a \"read_only\" field");
                }
            }
            return new ReadOnlyStatus(readOnly[0]);
        });
    }
}
