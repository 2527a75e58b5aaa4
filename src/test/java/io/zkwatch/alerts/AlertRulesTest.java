package io.zkwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.alerts.AlertRules.Rule;
import io.zkwatch.daemon.findings.FindingKind;
import io.zkwatch.prom.PromTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alerting rules ({@code dashboards/alerts/zkwatch-alerts.yaml}): valid for promtool, unit-tested for
 * every alert, documented in the runbook, reading only metrics zkwatch exports, and shortened for tests only by the
 * documented override.
 */
class AlertRulesTest {

    /** The findings zkwatch exports as {@code zkwatch_finding{finding=...}}: each needs exactly one alert. */
    static final Set<String> FINDINGS = java.util.Arrays.stream(FindingKind.values()).map(FindingKind::label)
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Pattern FINDING_SELECTOR = Pattern.compile("zkwatch_finding\\{finding=\"([a-z_]+)\"}");

    @TempDir
    Path dir;

    private static void assumePromtool() {
        assumeTrue(PromTool.available(), "promtool is not installed (apt-get install prometheus, or set PROMTOOL):"
                + " skipping the promtool checks of the alerting rules");
    }

    @Test
    void shippedRulesPassPromtoolCheck() throws Exception {
        assumePromtool();
        PromTool.Result r = PromTool.checkRules(AlertRules.RULES);
        assertTrue(r.ok(), r.output());
    }

    @Test
    void promtoolUnitTestsOfEveryAlertPass() throws Exception {
        assumePromtool();
        List<Path> tests = AlertRules.unitTests();
        assertFalse(tests.isEmpty(), "no unit tests in " + AlertRules.TESTS);
        PromTool.Result r = PromTool.testRules(tests.toArray(Path[]::new));
        assertTrue(r.ok(), r.output());
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionNamingItsSubjectAndRunbookUrl() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Rule r : AlertRules.shipped()) {
            if (!names.add(r.alert())) {
                problems.add(r.alert() + ": defined twice");
            }
            if (!SEVERITIES.contains(r.labels().getOrDefault("severity", ""))) {
                problems.add(r.alert() + ": severity label must be one of " + SEVERITIES + ", is "
                        + r.labels().get("severity"));
            }
            for (String a : List.of("summary", "description", "runbook_url")) {
                if (r.annotations().getOrDefault(a, "").isBlank()) {
                    problems.add(r.alert() + ": no " + a + " annotation");
                }
            }
            String description = r.annotations().getOrDefault("description", "");
            for (String label : namingLabels(r.expr())) {
                if (!description.contains("$labels." + label + " ")) {
                    problems.add(r.alert() + ": the description does not name {{ $labels." + label + " }}");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * The labels an alert keeps to name its problem: those of the expression's first {@code by (...)}, or
     * {@code instance} for an expression that keeps the scrape target's labels.
     */
    static List<String> namingLabels(String expr) {
        Matcher by = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(expr);
        if (!by.find()) {
            return List.of("instance");
        }
        return java.util.Arrays.stream(by.group(1).split(",")).map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void everyRunbookUrlPointsToASectionOfTheRunbook() throws IOException {
        Set<String> anchors = Runbook.anchors(Files.readString(AlertRules.RUNBOOK));
        List<String> problems = new ArrayList<>();
        for (Rule r : AlertRules.shipped()) {
            String url = r.annotations().getOrDefault("runbook_url", "");
            if (!url.startsWith(AlertRules.RUNBOOK_URL)) {
                problems.add(r.alert() + ": runbook_url " + url + " does not start with " + AlertRules.RUNBOOK_URL);
                continue;
            }
            String anchor = url.substring(AlertRules.RUNBOOK_URL.length());
            if (!anchors.contains(anchor)) {
                problems.add(r.alert() + ": docs/runbook.md has no section #" + anchor);
            }
            if (!anchor.equals(r.alert().toLowerCase(Locale.ROOT))) {
                problems.add(r.alert() + ": its runbook section should be named after it, not #" + anchor);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyAlertHasAFiringAndAQuietUnitTest() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path file : AlertRules.unitTests()) {
            for (JsonNode test : AlertRules.yaml(file).path("tests")) {
                for (JsonNode t : test.path("alert_rule_test")) {
                    (t.path("exp_alerts").isEmpty() ? quiet : firing).add(t.path("alertname").asText());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Rule r : AlertRules.shipped()) {
            if (!firing.contains(r.alert())) {
                problems.add(r.alert() + ": no promtool test case where it fires");
            }
            if (!quiet.contains(r.alert())) {
                problems.add(r.alert() + ": no promtool test case where it must stay quiet");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyMetricARuleReadsIsOneZkwatchExports() throws Exception {
        Set<String> exported = new TreeSet<>(ExportedNames.families());
        exported.addAll(ExportedNames.scraped(dir));
        exported.add("up");
        List<String> missing = new ArrayList<>();
        for (Rule r : AlertRules.shipped()) {
            for (String name : PromQlNames.of(r.expr())) {
                if (!exported.contains(name)) {
                    missing.add(r.alert() + ": expr reads " + name + ", which zkwatch does not export");
                }
            }
            r.annotations().forEach((key, text) -> {
                for (String name : PromQlNames.ofTemplate(text)) {
                    if (!exported.contains(name)) {
                        missing.add(r.alert() + ": annotation " + key + " queries " + name
                                + ", which zkwatch does not export");
                    }
                }
            });
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing) + "\nexported: " + exported);
    }

    @Test
    void everyFindingHasExactlyOneAlert() throws IOException {
        Map<String, List<String>> alertsByFinding = new TreeMap<>();
        for (Rule r : AlertRules.shipped()) {
            if (!r.group().equals("zkwatch-findings")) {
                continue;
            }
            Matcher m = FINDING_SELECTOR.matcher(r.expr());
            assertTrue(m.find(), r.alert() + " is in the findings group but selects no finding: " + r.expr());
            alertsByFinding.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(r.alert());
        }
        assertEquals(new TreeSet<>(FINDINGS), alertsByFinding.keySet(), "findings with an alert");
        alertsByFinding.forEach((finding, alerts) -> assertEquals(1, alerts.size(),
                "finding " + finding + " has several alerts: " + alerts));
    }

    @Test
    void theReadmeTableShowsEveryAlertWithItsSeverityAndFor() throws IOException {
        Map<String, String> table = new LinkedHashMap<>();
        for (String line : Files.readString(AlertRules.README).split("\n")) {
            if (line.startsWith("| Zkwatch")) {
                String[] cells = line.split("\\|");
                table.put(cells[1].trim(), cells[3].trim() + " " + cells[4].trim());
            }
        }
        Map<String, String> rules = new LinkedHashMap<>();
        for (Rule r : AlertRules.shipped()) {
            rules.put(r.alert(), r.labels().get("severity") + " " + r.forDuration());
        }
        assertEquals(rules, table, "dashboards/alerts/README.md's table (alert, severity, for) vs the rules file");
    }

    @Test
    void renderingWithShortForChangesOnlyTheForLines() throws Exception {
        String shipped = Files.readString(AlertRules.RULES);
        String rendered = AlertRules.render("--for", "2s");
        String[] a = shipped.split("\n", -1);
        String[] b = rendered.split("\n", -1);
        assertEquals(a.length, b.length, "line count");
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].trim().startsWith("for:")) {
                assertEquals(a[i].substring(0, a[i].indexOf("for:")) + "for: 2s", b[i], "line " + (i + 1));
                changed++;
            } else {
                assertEquals(a[i], b[i], "line " + (i + 1) + " must come out unchanged");
            }
        }
        assertEquals(AlertRules.shipped().size(), changed, "every alert has a for: and each was rewritten");
        Path file = dir.resolve("short.yaml");
        Files.writeString(file, rendered);
        List<Rule> shortRules = AlertRules.load(file);
        assertTrue(shortRules.stream().allMatch(r -> r.forDuration().equals("2s")), shortRules.toString());
        if (PromTool.available()) {
            PromTool.Result r = PromTool.checkRules(file);
            assertTrue(r.ok(), r.output());
        }
    }

    @Test
    void renderingScalesEveryForDuration() throws Exception {
        Map<String, String> original = AlertRules.shipped().stream()
                .collect(Collectors.toMap(Rule::alert, Rule::forDuration));
        Path file = dir.resolve("scaled.yaml");
        Files.writeString(file, AlertRules.render("--for-scale", "0.01"));
        for (Rule r : AlertRules.load(file)) {
            long ms = Math.round(millis(original.get(r.alert())) * 0.01);
            assertEquals(ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms", r.forDuration(), r.alert());
        }
        Files.writeString(file, AlertRules.render("--for-scale", "0"));
        assertTrue(AlertRules.load(file).stream().allMatch(r -> r.forDuration().equals("0s")));
    }

    @Test
    void renderingRejectsWhatIsNotADurationOrAFactor() {
        IOException bad = assertThrows(IOException.class, () -> AlertRules.render("--for", "soon"));
        assertTrue(bad.getMessage().contains("Prometheus duration"), bad.getMessage());
        bad = assertThrows(IOException.class, () -> AlertRules.render("--for-scale", "-1"));
        assertTrue(bad.getMessage().contains("non-negative number"), bad.getMessage());
    }

    /** Milliseconds of a Prometheus duration such as 1h30m. */
    static long millis(String duration) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)").matcher(duration);
        long total = 0;
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "not a duration: " + duration);
            long n = Long.parseLong(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                case "d" -> n * 86_400_000;
                case "w" -> n * 604_800_000;
                default -> n * 31_536_000_000L;
            };
            end = m.end();
        }
        assertEquals(duration.length(), end, "not a duration: " + duration);
        return total;
    }
}
