package io.zkwatch.collectors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import java.time.Duration;

/** Assertions on typed failures shared by the transport tests. */
final class Failures {
    private Failures() {
    }

    /** Fetches, expects exactly {@code kind}, and checks the message names the command and the target. */
    static CollectorException expect(FailureKind kind, CommandTransport transport, Command command) {
        CollectorException e = assertThrows(CollectorException.class, () -> transport.fetch(command).close());
        assertEquals(kind, e.kind(), () -> "wrong kind; message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(command.label() + " on "), e::getMessage);
        assertTrue(e.getMessage().contains(transport.target()), e::getMessage);
        return e;
    }

    /** Like {@link #expect}, and the failure came no earlier than {@code atLeast} and no later than {@code atMost}. */
    static CollectorException expectWithin(FailureKind kind, CommandTransport transport, Command command,
                                           Duration atLeast, Duration atMost) {
        long start = System.nanoTime();
        CollectorException e = expect(kind, transport, command);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(atLeast) >= 0, () -> "failed too early, after " + took + ": " + e.getMessage());
        assertTrue(took.compareTo(atMost) <= 0, () -> "deadline not held: took " + took + ": " + e.getMessage());
        return e;
    }
}
