package io.zkwatch.collectors.command;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Reply;
import java.util.Optional;

/** What a fixture case's name promises, and which parser reads a fixture's command. */
final class FixtureCases {

    /** Parses a reply with the collector of its command. */
    interface Parser {
        Object parse(Reply reply) throws CollectorException;
    }

    private FixtureCases() {
    }

    /** The typed failure a case must produce, by its name; empty when it must parse. */
    static Optional<FailureKind> expectedFailure(String caseName) {
        if (caseName.contains("not-whitelisted")) {
            return Optional.of(FailureKind.NOT_WHITELISTED);
        }
        if (caseName.contains("not-serving")) {
            return Optional.of(FailureKind.NOT_SERVING);
        }
        if (caseName.contains("truncated")) {
            return Optional.of(FailureKind.TRUNCATED);
        }
        if (caseName.contains("unparseable")) {
            return Optional.of(FailureKind.UNPARSEABLE);
        }
        if (caseName.contains("unknown-command")) {
            return Optional.of(FailureKind.HTTP_NOT_FOUND);
        }
        if (caseName.contains("too-large")) {
            return Optional.of(FailureKind.TOO_LARGE);
        }
        if (caseName.equals("secure-plaintext")) {
            return Optional.of(FailureKind.EMPTY_REPLY);
        }
        return Optional.empty();
    }

    static Parser parserFor(CollectorCatalog catalog, Command command) {
        if (command == Command.VOTING_VIEW) {
            return catalog.conf()::parseVotingView;
        }
        return catalog.all().stream().filter(c -> c.command() == command).findFirst()
                .<Parser>map(c -> c::parse)
                .orElseThrow(() -> new IllegalStateException("no collector for " + command));
    }
}
