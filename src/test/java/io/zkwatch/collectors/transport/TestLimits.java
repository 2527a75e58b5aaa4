package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.Limits;
import java.nio.file.Path;
import java.time.Duration;

/** Limits for transport tests: 1 s to connect, 64 MiB cap, 256 KiB on the heap, spill files in a test folder. */
final class TestLimits {
    private TestLimits() {
    }

    static Limits of(Path spoolDir, Duration deadline) {
        return new Limits(Duration.ofSeconds(1), deadline, 64L << 20, 1 << 20, 256 << 10, spoolDir);
    }
}
