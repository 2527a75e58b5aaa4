package io.zkwatch.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The shipped alerting rules as the tests read them, and the documented override ({@code render-rules.sh}) that
 * shortens their {@code for:} durations. Paths are relative to the module root, where Maven runs the tests.
 */
final class AlertRules {

    static final Path DIR = Path.of("dashboards/alerts");
    static final Path RULES = DIR.resolve("zkwatch-alerts.yaml");
    static final Path TESTS = DIR.resolve("tests");
    static final Path RENDER = DIR.resolve("render-rules.sh");
    static final Path README = DIR.resolve("README.md");
    static final Path RUNBOOK = Path.of("docs/runbook.md");
    static final String RUNBOOK_URL = "https://github.com/zkwatch/zkwatch/blob/main/docs/runbook.md#";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One alerting rule. {@code forDuration} is the text of {@code for:}, "0s" when absent. */
    record Rule(String group, String alert, String expr, String forDuration, Map<String, String> labels,
                Map<String, String> annotations) {
        Rule {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }
    }

    private AlertRules() {
    }

    static List<Rule> load(Path file) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode r : group.path("rules")) {
                if (r.has("alert")) {
                    rules.add(new Rule(group.path("name").asText(), r.path("alert").asText(),
                            r.path("expr").asText(), r.path("for").asText("0s"), strings(r.path("labels")),
                            strings(r.path("annotations"))));
                }
            }
        }
        return rules;
    }

    static List<Rule> shipped() throws IOException {
        return load(RULES);
    }

    static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** The unit-test files of the rules, sorted. */
    static List<Path> unitTests() throws IOException {
        try (Stream<Path> s = Files.list(TESTS)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * Runs the documented override, {@code render-rules.sh ARGS RULES}, and returns the rendered rules.
     *
     * @throws IOException with the script's error output when it fails
     */
    static String render(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", RENDER.toString()));
        cmd.addAll(List.of(args));
        cmd.add(RULES.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> copy(p.getErrorStream(), err), "render-rules-stderr");
        errors.start();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("render-rules.sh did not finish within 60 s");
        }
        errors.join(10_000);
        if (p.exitValue() != 0) {
            throw new IOException("render-rules.sh " + String.join(" ", args) + " failed with " + p.exitValue()
                    + ": " + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }
}
