package io.zkwatch.harness;

import io.zkwatch.daemon.localzk.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches raw replies with independent probes (plain sockets, {@code java.net.http}) and writes them as
 * fixtures: {@code 4lw/<version>/<word>/<case>.txt} and {@code admin/<version>/<command>/<case>.json}.
 * Machine-specific paths are replaced byte for byte by stable placeholders; nothing else is touched.
 */
final class FixtureWriter {

    static final List<String> FOUR_LETTER_WORDS = List.of(
            "mntr", "srvr", "conf", "envi", "wchs", "wchc", "wchp", "cons", "dump", "ruok", "isro");
    static final List<String> ADMIN_COMMANDS = List.of("monitor", "server_stats", "configuration", "voting_view",
            "environment", "watch_summary", "watches", "watches_by_path", "connections", "dump", "ruok",
            "is_read_only");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Path root;
    private final String version;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();

    FixtureWriter(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /** Every later reply has {@code machineSpecific} replaced by {@code placeholder}. */
    void placeholder(String machineSpecific, String placeholder) {
        placeholders.put(machineSpecific, placeholder);
    }

    /** Remarks for the legend: non-200 statuses, unknown commands. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    void allFourLetterWords(LocalServer server, String caseName) throws IOException {
        for (String word : FOUR_LETTER_WORDS) {
            fourLetterWord(server, word, caseName);
        }
    }

    void allAdminCommands(LocalServer server, String caseName) throws IOException, InterruptedException {
        for (String command : ADMIN_COMMANDS) {
            admin(server, command, caseName);
        }
    }

    byte[] fourLetterWord(LocalServer server, String word, String caseName) throws IOException {
        byte[] reply = sanitize(Probes.fourLetterWord(server.clientPort(), word, TIMEOUT));
        write(root.resolve("4lw").resolve(version).resolve(word).resolve(caseName + ".txt"), reply);
        return reply;
    }

    byte[] admin(LocalServer server, String command, String caseName) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = Probes.get(server.adminUri(command), Optional.empty(), TIMEOUT);
        byte[] body = sanitize(response.body());
        String name = caseName;
        if (response.statusCode() == 404 || new String(body, StandardCharsets.UTF_8).contains("Unknown command")) {
            name = caseName + "-unknown-command";
            notes.add("admin `" + command + "` is unknown to " + version + " (HTTP " + response.statusCode()
                    + "): its cases are named `<case>-unknown-command`");
        } else if (response.statusCode() != 200) {
            notes.add("admin `" + command + "` (" + caseName + ") answered HTTP " + response.statusCode());
        }
        write(root.resolve("admin").resolve(version).resolve(command).resolve(name + ".json"), body);
        return body;
    }

    private byte[] sanitize(byte[] reply) {
        byte[] out = reply;
        List<Map.Entry<String, String>> longestFirst = placeholders.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .toList();
        for (Map.Entry<String, String> e : longestFirst) {
            out = replace(out, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Byte-level replace, so replies that are not valid UTF-8 survive untouched outside the matches. */
    static byte[] replace(byte[] in, byte[] needle, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            if (i + needle.length <= in.length
                    && Arrays.equals(in, i, i + needle.length, needle, 0, needle.length)) {
                out.writeBytes(replacement);
                i += needle.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
