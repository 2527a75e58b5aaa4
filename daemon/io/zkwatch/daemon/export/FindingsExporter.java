package io.zkwatch.daemon.export;

import io.prometheus.client.Collector;
import io.zkwatch.daemon.findings.EnsembleFindings;
import io.zkwatch.daemon.findings.Finding;
import io.zkwatch.daemon.findings.Measurement;
import io.zkwatch.daemon.findings.Measurement.Measure;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Renders the detectors' last evaluation on every scrape: one {@code zkwatch_finding} series per active finding and
 * the measurements behind them. Nothing is kept between scrapes, so a finding that ends vanishes from
 * {@code /metrics}. Client hosts pass through the {@link LabelPolicy}, as in every other family.
 */
public final class FindingsExporter extends Collector {

    private static final Map<Measure, MetricFamily> FAMILY = new EnumMap<>(Measure.class);

    static {
        FAMILY.put(Measure.SKEW_RATIO, MetricFamily.SKEW_RATIO);
        FAMILY.put(Measure.ORPHANED_SESSIONS, MetricFamily.ORPHANED_SESSIONS);
        FAMILY.put(Measure.ORPHANED_WATCHES, MetricFamily.ORPHANED_WATCHES);
        FAMILY.put(Measure.ORPHAN_GRACE_SECONDS, MetricFamily.ORPHAN_GRACE_SECONDS);
        FAMILY.put(Measure.GROWTH_RATE, MetricFamily.GROWTH_RATE);
        FAMILY.put(Measure.CLIENT_CONNECTION_GROWTH_RATE, MetricFamily.CLIENT_CONNECTION_GROWTH_RATE);
        FAMILY.put(Measure.CLIENT_SESSIONS, MetricFamily.CLIENT_SESSIONS);
    }

    private final Supplier<List<EnsembleFindings>> results;
    private final Function<String, LabelPolicy> labelsByEnsemble;

    public FindingsExporter(Supplier<List<EnsembleFindings>> results, Function<String, LabelPolicy> labelsByEnsemble) {
        this.results = results;
        this.labelsByEnsemble = labelsByEnsemble;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        Map<MetricFamily, List<MetricFamilySamples.Sample>> out = new EnumMap<>(MetricFamily.class);
        List<MetricFamily> families = MetricFamily.of(MetricFamily.Source.FINDINGS);
        families.forEach(f -> out.put(f, new ArrayList<>()));
        for (EnsembleFindings e : results.get()) {
            LabelPolicy labels = labelsByEnsemble.apply(e.ensemble());
            // Hosts that are shortened or dropped can come out alike: one series per label set, findings once,
            // measurements of a client summed (a sum of per-host sessions, or of their least-squares slopes).
            Map<List<String>, Double> findings = new LinkedHashMap<>();
            for (EnsembleFindings.Active a : e.findings()) {
                Finding f = FindingRedaction.apply(labels, a.finding());
                findings.put(List.of(e.ensemble(), f.kind().label(), f.server(), f.subject()), 1.0);
            }
            findings.forEach((values, v) -> add(out, MetricFamily.FINDING, v, values));
            Map<Measure, Map<List<String>, Double>> measured = new EnumMap<>(Measure.class);
            for (Measurement m : e.measurements()) {
                if (isClient(m.measure()) && !labels.showsClients()) {
                    continue; // no per-host series where hosts are dropped
                }
                List<String> values = new ArrayList<>();
                values.add(e.ensemble());
                values.addAll(m.labels());
                if (isClient(m.measure()) && !values.get(1).equals(SnapshotExporter.OTHER)) {
                    values.set(1, labels.clientLabel(values.get(1)));
                }
                measured.computeIfAbsent(m.measure(), k -> new LinkedHashMap<>())
                        .merge(List.copyOf(values), m.value(), Double::sum);
            }
            measured.forEach((measure, series) -> series.forEach((values, v) -> add(out, FAMILY.get(measure), v,
                    values)));
        }
        List<MetricFamilySamples> samples = new ArrayList<>();
        for (MetricFamily f : families) {
            samples.add(new MetricFamilySamples(f.metricName(), f.type(), f.help(), out.get(f)));
        }
        return samples;
    }

    private static boolean isClient(Measure m) {
        return m == Measure.CLIENT_SESSIONS || m == Measure.CLIENT_CONNECTION_GROWTH_RATE;
    }

    private static void add(Map<MetricFamily, List<MetricFamilySamples.Sample>> out, MetricFamily f, double value,
                            List<String> labelValues) {
        if (labelValues.size() != f.labels().size()) {
            throw new IllegalStateException(f + " expects labels " + f.labels() + ", got " + labelValues);
        }
        out.get(f).add(new MetricFamilySamples.Sample(f.metricName(), f.labels(), labelValues, value));
    }
}
