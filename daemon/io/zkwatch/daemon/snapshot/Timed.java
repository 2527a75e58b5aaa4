package io.zkwatch.daemon.snapshot;

import java.time.Instant;
import java.util.Objects;

/** A value and the moment it was read from the server. Dumps are older than cheap polls; their age matters. */
public record Timed<T>(T value, Instant at) {
    public Timed {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
    }
}
