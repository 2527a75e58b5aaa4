package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.RuokStatus;
import java.util.Objects;

/**
 * Liveness: 4lw {@code ruok} answers exactly {@code imok} (no newline); AdminServer {@code ruok} answers an
 * object whose {@code error} is null. Anything else is a failure, never a "not ok" value.
 */
public final class RuokCollector implements Collector<RuokStatus> {

    private final ParseOptions options;

    public RuokCollector(ParseOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Command command() {
        return Command.RUOK;
    }

    @Override
    public RuokStatus parse(Reply reply) throws CollectorException {
        return Replies.parse(reply, command(), in -> {
            LineScanner line = new LineScanner(in, command(), options);
            Refusals.firstLine(line, command());
            if (!line.is("imok") || line.next()) {
                throw line.unparseable("imok");
            }
            return RuokStatus.IMOK;
        }, in -> {
            try (JsonReply json = JsonReply.open(in, command(), options)) {
                json.fields(name -> json.skip());
            }
            return RuokStatus.IMOK;
        });
    }
}
