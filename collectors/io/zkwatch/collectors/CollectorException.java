package io.zkwatch.collectors;

import java.util.Objects;

/**
 * A typed failure of one command against one member. Thrown by transports and collectors; the poller is the
 * one boundary that catches it and turns it into a failed outcome, a metric and one log line.
 *
 * <p>The message never contains raw reply content beyond what the thrower chose to include; parsers that
 * run with redaction on must not put znode paths into it.
 */
public final class CollectorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public CollectorException(FailureKind kind, String message) {
        this(kind, message, null);
    }

    public CollectorException(FailureKind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind.label() + ": " + getMessage();
    }
}
