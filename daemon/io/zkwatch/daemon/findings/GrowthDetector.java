package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.findings.Measurement.Measure;
import io.zkwatch.daemon.findings.MemberFrame.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Steady growth of a member's watches (mntr {@code zk_watch_count}), approximate data size, znode count and used
 * heap (envi), fitted over the readings since the member's last restart within {@code history_window}. The slope
 * over all of them is exported for every series with enough readings; a finding needs a steady fit (R²) and a 24 h projection large
 * against both the current value and an absolute floor, so that a busy but stable server raises nothing. The finding
 * is judged over the whole series and over its recent halves ({@link Trend#recent}), so growth that began late in
 * the window is not drowned by the flat readings before it.
 */
public final class GrowthDetector implements Detector {

    /** The series, with the label value, the finding and the absolute floor of each. */
    enum Metric {
        WATCHES("watches", FindingKind.WATCH_GROWTH, FindingThresholds::growthMinWatchesPerDay,
                m -> monitor(m, MemberFrame.MonitorReading::watches)),
        APPROXIMATE_DATA_SIZE("approximate_data_size", FindingKind.MEMORY_GROWTH,
                FindingThresholds::growthMinDataBytesPerDay, m -> monitor(m, MemberFrame.MonitorReading::dataSize)),
        ZNODES("znodes", FindingKind.MEMORY_GROWTH, FindingThresholds::growthMinZnodesPerDay,
                m -> monitor(m, MemberFrame.MonitorReading::znodes)),
        HEAP("heap", FindingKind.MEMORY_GROWTH, FindingThresholds::growthMinHeapBytesPerDay, MemberFrame::heapUsed);

        final String label;
        final FindingKind kind;
        final ToLongFunction<FindingThresholds> floor;
        final Function<MemberFrame, Optional<Sample>> reading;

        Metric(String label, FindingKind kind, ToLongFunction<FindingThresholds> floor,
               Function<MemberFrame, Optional<Sample>> reading) {
            this.label = label;
            this.kind = kind;
            this.floor = floor;
            this.reading = reading;
        }

        private static Optional<Sample> monitor(MemberFrame m, Function<MemberFrame.MonitorReading, OptionalLong> f) {
            return m.monitor().flatMap(r -> {
                OptionalLong v = f.apply(r);
                return v.isPresent() ? Optional.of(new Sample(r.at(), v.getAsLong())) : Optional.empty();
            });
        }
    }

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        for (MemberFrame latest : Frames.latest(frames).upMembers()) {
            List<MemberFrame> history = Frames.sinceLastRestart(frames, latest.server());
            for (Metric metric : Metric.values()) {
                List<Sample> samples = Frames.distinct(history, metric.reading);
                Optional<Trend> trend = Trend.of(samples).filter(tr -> enough(tr, t));
                if (trend.isEmpty()) {
                    continue;
                }
                measurements.add(Measurement.of(Measure.GROWTH_RATE, trend.get().slopePerSecond(), latest.server(),
                        metric.label));
                long floor = metric.floor.applyAsLong(t);
                Trend.recent(samples, t.growthMinPoints(), tr -> enough(tr, t) && grows(tr, floor, t))
                        .ifPresent(tr -> findings.add(finding(latest.server(), metric, tr, t)));
            }
        }
        return Detection.of(findings, measurements);
    }

    private static boolean enough(Trend tr, FindingThresholds t) {
        return tr.points() >= t.growthMinPoints() && tr.span().compareTo(t.growthMinSpan()) >= 0;
    }

    static boolean grows(Trend tr, long floorPerDay, FindingThresholds t) {
        return tr.slopePerSecond() > 0 && tr.fit() >= t.growthMinFit() && tr.perDay() >= floorPerDay
                && tr.perDay() >= t.growthRelativePerDay() * Math.max(1, tr.last());
    }

    private static Finding finding(String server, Metric metric, Trend tr, FindingThresholds t) {
        String summary = metric.label + " on " + server + " grew steadily from " + Frames.number(tr.first()) + " to "
                + Frames.number(tr.last()) + " over " + OrphanGrace.seconds(tr.span()) + " (" + tr.points()
                + " readings, R² " + Frames.number(Math.round(tr.fit() * 100) / 100.0) + "): +"
                + Frames.number(Math.round(tr.perDay())) + " a day, about " + Frames.number(Math.round(tr.projectedIn24h()))
                + " in 24 h";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("metric", metric.label);
        details.put("current", tr.last());
        details.put("first", tr.first());
        details.put("slope_per_second", tr.slopePerSecond());
        details.put("per_day", tr.perDay());
        details.put("projected_24h", tr.projectedIn24h());
        details.put("fit_r2", tr.fit());
        details.put("points", tr.points());
        details.put("span_seconds", tr.span().toMillis() / 1000.0);
        details.put("threshold_relative_per_day", t.growthRelativePerDay());
        boolean watches = metric == Metric.WATCHES;
        return new Finding(metric.kind, server, watches ? SubjectKind.NONE : SubjectKind.METRIC,
                watches ? "" : metric.label, summary, details);
    }
}
