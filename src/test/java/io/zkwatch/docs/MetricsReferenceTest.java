package io.zkwatch.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.export.MetricFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md is generated from {@link MetricFamily}, so the reference can never drift from the code.
 * Run with {@code -Dzkwatch.updateDocs=true} to rewrite the generated table on purpose.
 */
class MetricsReferenceTest {

    private static final Path DOC = Path.of("docs/metrics.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED: MetricFamily -->";
    private static final String END = "<!-- END GENERATED: MetricFamily -->";

    static String table() {
        StringBuilder b = new StringBuilder();
        b.append("| metric | type | labels | meaning |\n| --- | --- | --- | --- |\n");
        for (MetricFamily f : MetricFamily.values()) {
            b.append("| `").append(f.metricName()).append("` | ").append(f.type().name().toLowerCase())
                    .append(" | ").append(String.join(", ", f.labels())).append(" | ")
                    .append(f.help().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void docsListEveryMetricFamilyExactlyAsTheCodeDeclaresIt() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/metrics.md lacks the generated-table markers");
        String current = doc.substring(begin + BEGIN.length() + 1, end);
        String expected = table();
        if (Boolean.getBoolean("zkwatch.updateDocs") && !current.equals(expected)) {
            Files.writeString(DOC, doc.substring(0, begin + BEGIN.length() + 1) + expected + doc.substring(end));
            current = expected;
        }
        assertEquals(expected, current, "docs/metrics.md is out of date: run mvn test -Dtest=MetricsReferenceTest "
                + "-Dzkwatch.updateDocs=true");
    }
}
