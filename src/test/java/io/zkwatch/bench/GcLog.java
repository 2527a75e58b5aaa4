package io.zkwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a unified JVM GC log ({@code -Xlog:gc:file=...}): every collection line reads
 * {@code <before>M-><after>M(<committed>M)}. The largest "before" is the highest heap use the JVM reached
 * (it collects when it must), the largest "after" an upper bound of what was live at once (a young collection
 * leaves old garbage in place).
 */
public record GcLog(int collections, int fullCollections, long peakUsedBeforeGcMiB, long peakAfterGcMiB,
                    long maxCommittedMiB) {

    private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    public static GcLog read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readString(file) : "");
    }

    public static GcLog parse(String log) {
        int collections = 0;
        int full = 0;
        long before = 0;
        long after = 0;
        long committed = 0;
        for (String line : log.split("\n")) {
            Matcher m = HEAP.matcher(line);
            if (!line.contains("Pause") || !m.find()) {
                continue;
            }
            collections++;
            if (line.contains("Pause Full")) {
                full++;
            }
            before = Math.max(before, Long.parseLong(m.group(1)));
            after = Math.max(after, Long.parseLong(m.group(2)));
            committed = Math.max(committed, Long.parseLong(m.group(3)));
        }
        return new GcLog(collections, full, before, after, committed);
    }
}
