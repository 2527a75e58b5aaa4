package io.zkwatch.daemon.export;

import io.prometheus.client.Collector;
import io.zkwatch.daemon.findings.EnsembleFindings;
import io.zkwatch.daemon.findings.Finding;
import io.zkwatch.daemon.findings.Measurement;
import io.zkwatch.daemon.findings.Measurement.Measure;
import java.util.ArrayList;
import java.util.EnumMap;
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
            for (EnsembleFindings.Active a : e.findings()) {
                Finding f = a.finding();
                String subject = f.subjectKind() == Finding.SubjectKind.CLIENT ? labels.client(f.subject())
                        : f.subject();
                add(out, MetricFamily.FINDING, 1, e.ensemble(), f.kind().label(), f.server(), subject);
            }
            for (Measurement m : e.measurements()) {
                List<String> values = new ArrayList<>();
                values.add(e.ensemble());
                values.addAll(m.labels());
                if (isClient(m.measure()) && !values.get(1).equals("other")) {
                    values.set(1, labels.client(values.get(1)));
                }
                add(out, FAMILY.get(m.measure()), m.value(), values.toArray(String[]::new));
            }
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
                            String... labelValues) {
        if (labelValues.length != f.labels().size()) {
            throw new IllegalStateException(f + " expects labels " + f.labels() + ", got " + List.of(labelValues));
        }
        out.get(f).add(new MetricFamilySamples.Sample(f.metricName(), f.labels(), List.of(labelValues), value));
    }
}
