package io.zkwatch.collectors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one command call.
 *
 * @param connectTimeout time allowed to establish the TCP (and TLS) connection
 * @param deadline overall time allowed for connect, request and the whole reply
 * @param maxBytes replies longer than this are abandoned and reported as {@link FailureKind#TOO_LARGE}
 * @param maxLineLength a 4lw line longer than this is reported as {@link FailureKind#TOO_LARGE}
 * @param memorySpoolBytes replies up to this size stay on the heap; longer ones spill to a file
 * @param spoolDirectory where spill files go
 */
public record Limits(Duration connectTimeout, Duration deadline, long maxBytes, int maxLineLength,
                     int memorySpoolBytes, Path spoolDirectory) {

    public Limits {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (deadline.compareTo(connectTimeout) < 0) {
            throw new IllegalArgumentException("deadline must be at least connectTimeout");
        }
        if (maxBytes <= 0 || maxLineLength <= 0 || memorySpoolBytes < 0) {
            throw new IllegalArgumentException("byte limits must be positive");
        }
    }

    /** Defaults suited to cheap commands: 2 s to connect, 10 s overall, 512 MiB, 1 MiB lines, 4 MiB in memory. */
    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(2), Duration.ofSeconds(10), 512L << 20, 1 << 20, 4 << 20,
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public Limits withDeadline(Duration newDeadline) {
        return new Limits(connectTimeout, newDeadline, maxBytes, maxLineLength, memorySpoolBytes, spoolDirectory);
    }

    public Limits withMaxBytes(long newMaxBytes) {
        return new Limits(connectTimeout, deadline, newMaxBytes, maxLineLength, memorySpoolBytes, spoolDirectory);
    }
}
