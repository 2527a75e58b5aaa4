package io.zkwatch.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the captured fixtures (those with a {@code <version>-LEGEND.md} written by {@link FixtureCapture}):
 * complete, free of machine paths, and consistent with their legend.
 */
class FixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/fixtures");
    private static final List<String> ENSEMBLE_CASES = List.of("empty", "follower", "leader", "odd-paths");

    static Stream<String> capturedVersions() throws IOException {
        try (Stream<Path> files = Files.list(ROOT)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-LEGEND.md"))
                    .map(n -> n.substring(0, n.length() - "-LEGEND.md".length()))
                    .filter(FixturesTest::capturedByFixtureCapture)
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("capturedVersions")
    void everyFourLetterWordHasEveryCaseAndRefusalsAreTheWhitelistText(String version) throws IOException {
        for (String word : FixtureWriter.FOUR_LETTER_WORDS) {
            Path dir = ROOT.resolve("4lw").resolve(version).resolve(word);
            for (String c : ENSEMBLE_CASES) {
                assertTrue(Files.isRegularFile(dir.resolve(c + ".txt")), dir + "/" + c);
            }
            Path refused = dir.resolve("not-whitelisted.txt");
            if (Files.exists(refused)) {
                assertEquals(word + " is not executed because it is not in the whitelist.\n", Files.readString(refused));
            } else {
                assertTrue(Files.isRegularFile(dir.resolve("standalone.txt")), dir + " has neither standalone nor refusal");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("capturedVersions")
    void everyAdminReplyIsJsonNamingItsCommand(String version) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String command : FixtureWriter.ADMIN_COMMANDS) {
            try (Stream<Path> files = Files.list(ROOT.resolve("admin").resolve(version).resolve(command))) {
                for (Path file : files.toList()) {
                    JsonNode node = json.readTree(file.toFile());
                    assertEquals(command, node.path("command").asText(), file.toString());
                    boolean unknown = file.getFileName().toString().contains("unknown-command");
                    assertEquals(unknown, !node.path("error").isNull(), file + ": error field vs file name");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("capturedVersions")
    void noFixtureLeaksAMachinePath(String version) throws IOException {
        String here = Path.of("").toAbsolutePath().toString();
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("4lw").resolve(version)),
                Files.walk(ROOT.resolve("admin").resolve(version)))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                assertFalse(text.contains(here) || text.contains("/.m2/") || text.contains("zk-test"), file.toString());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("capturedVersions")
    void theLegendNamesEverySessionTheFollowerWatchesFor(String version) throws IOException {
        String legend = Files.readString(legend(version));
        String wchc = Files.readString(ROOT.resolve("4lw").resolve(version).resolve("wchc/follower.txt"));
        Matcher session = Pattern.compile("(?m)^(0x[0-9a-f]+)$").matcher(wchc);
        int sessions = 0;
        while (session.find()) {
            sessions++;
            assertTrue(legend.contains(session.group(1)), "legend lacks " + session.group(1));
        }
        assertTrue(sessions >= 3, "the follower capture should show the load's sessions:\n" + wchc);
    }

    /** Hand-made or copied fixture sets (such as the 3.9.6 reference) have other legends and other rules. */
    private static boolean capturedByFixtureCapture(String version) {
        try {
            return Files.readString(legend(version)).contains("by FixtureCapture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path legend(String version) {
        return ROOT.resolve(version + "-LEGEND.md");
    }
}
