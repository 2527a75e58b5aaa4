package io.zkwatch.daemon.localzk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a child's log, for error messages that explain a failed start or resolution. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(maxLines);
        // Decoding leniently: a log is diagnostic text, a stray byte must not hide the rest of it.
        String text = new String(readQuietly(file), StandardCharsets.UTF_8);
        try (Stream<String> lines = text.lines()) {
            lines.forEach(line -> {
                if (last.size() == maxLines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        }
        return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
    }

    /** Whether the part of {@code file} from byte {@code offset} on contains {@code needle}. */
    static boolean contains(Path file, String needle, long offset) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] all = readQuietly(file);
        int from = (int) Math.min(all.length, Math.max(0, offset));
        return new String(all, from, all.length - from, StandardCharsets.UTF_8).contains(needle);
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return ("(could not read " + file + ": " + e + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
