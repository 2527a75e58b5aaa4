package io.zkwatch.daemon.export;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * The one registry behind {@code /metrics}: ZooKeeper facts rendered from snapshots by simpleclient
 * {@link Collector}s, and the daemon's own health instrumented with Micrometer, on one
 * {@link CollectorRegistry} so that a single scrape returns both.
 */
public final class MetricsRegistry implements AutoCloseable {

    private final CollectorRegistry prometheus = new CollectorRegistry(true);
    private final PrometheusMeterRegistry micrometer;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private MetricsRegistry(Clock clock, boolean jvmMetrics) {
        this.micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, clock);
        if (!jvmMetrics) {
            return;
        }
        lintCleanNames(micrometer);
        new JvmMemoryMetrics().bindTo(micrometer);
        gcMetrics.bindTo(micrometer);
        new JvmThreadMetrics().bindTo(micrometer);
        new ClassLoaderMetrics().bindTo(micrometer);
        new ProcessorMetrics().bindTo(micrometer);
        new UptimeMetrics().bindTo(micrometer);
        new FileDescriptorMetrics().bindTo(micrometer);
    }

    /**
     * Two of Micrometer's process meters come out under names {@code promtool check metrics} rejects:
     * {@code process.cpu.time} (nanoseconds, rendered {@code process_cpu_time_ns_total}: "abbreviated units") and
     * {@code system.cpu.count} (a gauge ending in {@code _count}, which Prometheus reserves for histograms and
     * summaries). The CPU time becomes the counter every Prometheus client library exports,
     * {@code process_cpu_seconds_total}, in seconds; the processor count becomes
     * {@code jvm_available_processors}, which says what it measures (the JVM's {@code availableProcessors()}).
     */
    private static void lintCleanNames(MeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("jvm.available.processors") : id;
            }
        });
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the zkwatch process")
                    .register(registry);
        }
    }

    public static MetricsRegistry create(Clock clock) {
        return new MetricsRegistry(clock, true);
    }

    /**
     * A registry without the JVM and process meters, whose values change from one scrape to the next: for
     * output that must be reproducible byte for byte (the golden {@code /metrics} file) and for embedding
     * zkwatch in a process that already exports its JVM.
     */
    public static MetricsRegistry withoutJvmMetrics(Clock clock) {
        return new MetricsRegistry(clock, false);
    }

    /** For the daemon's own health instrumentation. */
    public MeterRegistry meters() {
        return micrometer;
    }

    /** Registers a collector that renders ZooKeeper facts from the current snapshots on every scrape. */
    public void register(Collector collector) {
        prometheus.register(collector);
    }

    public void unregister(Collector collector) {
        prometheus.unregister(collector);
    }

    /** Writes the Prometheus text exposition (format 0.0.4), optionally restricted to some family names. */
    public void write(Writer out, Set<String> onlyNames) throws IOException {
        TextFormat.write004(out, onlyNames.isEmpty()
                ? prometheus.metricFamilySamples()
                : prometheus.filteredMetricFamilySamples(onlyNames));
    }

    @Override
    public void close() {
        gcMetrics.close();
        micrometer.close();
    }
}
