package io.zkwatch.daemon.snapshot;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the last run of one command against one member went: when, how long, how many bytes, and, if it failed,
 * the typed reason. This is what makes a refused or failing command visible instead of a silent zero.
 */
public record CommandStatus(Command command, Instant at, Duration took, long bytes, Optional<FailureKind> failure,
                            String message) {

    public CommandStatus {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(message, "message");
    }

    public static CommandStatus of(Command command, Instant at, Outcome<?> outcome) {
        if (outcome instanceof Outcome.Success<?> s) {
            return new CommandStatus(command, at, s.took(), s.bytes(), Optional.empty(), "");
        }
        Outcome.Failure<?> f = (Outcome.Failure<?>) outcome;
        return new CommandStatus(command, at, f.took(), 0, Optional.of(f.kind()), f.message());
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}
