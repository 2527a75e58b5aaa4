package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Clock;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.prom.PromTool;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daemon's own JVM and process metrics, as Micrometer renders them into the shared registry. */
class MetricsRegistryTest {

    private static Exposition scrape(MetricsRegistry r) throws Exception {
        StringWriter w = new StringWriter();
        r.write(w, Set.of());
        return Exposition.parse(w.toString());
    }

    @Test
    void jvmAndProcessMetricsPassPromtool() throws Exception {
        assumeTrue(PromTool.available(), "promtool is not installed: apt-get install prometheus");
        try (MetricsRegistry r = MetricsRegistry.create(Clock.SYSTEM)) {
            String text = scrape(r).text();
            PromTool.Result lint = PromTool.checkMetrics(text.getBytes(StandardCharsets.UTF_8));
            assertEquals("", lint.output().strip(), "promtool check metrics:\n" + lint.output());
            assertEquals(0, lint.exitCode());
        }
    }

    @Test
    void processCpuTimeIsTheStandardCounterInSeconds() throws Exception {
        try (MetricsRegistry r = MetricsRegistry.create(Clock.SYSTEM)) {
            Exposition m = scrape(r);
            double cpu = m.value("process_cpu_seconds_total").orElseThrow();
            assertTrue(cpu > 0 && cpu < 24 * 3600, "seconds, not nanoseconds: " + cpu);
            assertEquals(Runtime.getRuntime().availableProcessors(),
                    m.value("jvm_available_processors").orElseThrow());
        }
    }
}
