package io.zkwatch.dashboards;

import io.zkwatch.daemon.export.MetricFamily;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The metric names the dashboards read, and those zkwatch exports. */
final class DashboardMetrics {

    /**
     * Metrics a dashboard already uses while another branch is still adding them to the exporter, and where they
     * come from. A panel on such a metric stays empty until it lands.
     */
    static final Map<String, String> PENDING = Map.of(
            "zkwatch_finding", "exported only while a finding is active (the skewed population usually raises one)");

    private DashboardMetrics() {
    }

    static Set<String> used() throws IOException {
        Set<String> names = new TreeSet<>();
        for (DashboardQueries.Query q : DashboardQueries.panelQueries()) {
            names.addAll(PromQl.metricNames(q.expr()));
        }
        for (DashboardQueries.Query v : DashboardQueries.variableQueries()) {
            names.addAll(PromQl.metricNames(DashboardQueries.variableSelector(v.expr())));
        }
        return names;
    }

    static Set<String> metricFamilies() {
        return Arrays.stream(MetricFamily.values()).map(MetricFamily::metricName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Sample names in a text exposition (histogram and summary suffixes included as they appear). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            if (end < 0) {
                end = line.indexOf(' ');
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
