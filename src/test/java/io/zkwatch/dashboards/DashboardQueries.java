package io.zkwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL query in the checked-in dashboard files, as Grafana would send it once its variables are
 * substituted. The tests read the files that ship, not the generator's objects.
 */
final class DashboardQueries {

    /** One query of one panel (or of a template variable). */
    record Query(String dashboard, String where, String expr) {
        /** The query with Grafana's variables replaced, {@code $server} by a regex as Grafana does for "All". */
        String substituted(String ensemble, String serverRegex) {
            return expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h")
                    .replace("${ensemble}", ensemble).replace("$ensemble", ensemble)
                    .replace("${server}", serverRegex).replace("$server", serverRegex);
        }
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_]\\w*)\\)");

    private DashboardQueries() {
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(ZkwatchDashboards.DIRECTORY)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static JsonNode read(Path file) throws IOException {
        return Grafana.JSON.readTree(file.toFile());
    }

    /** Panel queries of every dashboard file. */
    static List<Query> panelQueries() throws IOException {
        List<Query> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode d = read(f);
            for (JsonNode panel : d.path("panels")) {
                for (JsonNode t : panel.path("targets")) {
                    out.add(new Query(d.path("uid").asText(), panel.path("title").asText() + " / "
                            + t.path("refId").asText(), t.path("expr").asText()));
                }
            }
        }
        return out;
    }

    /**
     * The template variables' {@code label_values(selector, label)} queries, as the series selector they
     * read; the label they list is checked separately by {@link #variableLabel}.
     */
    static List<Query> variableQueries() throws IOException {
        List<Query> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode d = read(f);
            for (JsonNode v : d.path("templating").path("list")) {
                if ("query".equals(v.path("type").asText())) {
                    out.add(new Query(d.path("uid").asText(), "variable " + v.path("name").asText(),
                            v.path("query").path("query").asText()));
                }
            }
        }
        return out;
    }

    /** The selector of a {@code label_values(selector, label)} query. */
    static String variableSelector(String labelValues) {
        Matcher m = LABEL_VALUES.matcher(labelValues.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a label_values(selector, label) query: " + labelValues);
        }
        return m.group(1).trim();
    }

    static String variableLabel(String labelValues) {
        Matcher m = LABEL_VALUES.matcher(labelValues.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a label_values(selector, label) query: " + labelValues);
        }
        return m.group(2);
    }
}
