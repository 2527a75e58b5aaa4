package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.Spool;
import java.nio.file.Path;
import java.util.List;

/** Creates {@link Spool}s: writers for transports, and ready-made spools for parser tests and fixtures. */
public final class Spools {
    private Spools() {
    }

    /** A writer keeping {@link Limits#memorySpoolBytes()} on the heap, spilling to {@link Limits#spoolDirectory()}. */
    public static SpoolWriter writer(Limits limits) {
        return new SpoolWriter(limits.memorySpoolBytes(), limits.spoolDirectory());
    }

    public static SpoolWriter writer(int memoryBytes, Path directory) {
        return new SpoolWriter(memoryBytes, directory);
    }

    /** A heap spool over a copy of the given bytes. */
    public static Spool of(byte[] bytes) {
        return new HeapSpool(List.of(bytes.clone()), bytes.length);
    }
}
