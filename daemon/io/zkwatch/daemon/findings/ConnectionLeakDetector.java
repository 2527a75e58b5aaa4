package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.findings.Measurement.Measure;
import io.zkwatch.daemon.findings.MemberFrame.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Connection leaks per client host, ensemble-wide (cons of every member): a host whose sessions keep rising (a new
 * client per request, clients never closed) or exceed {@code connection_leak_max_sessions}. A rise counts when it
 * is steady (R² at least {@code growth_min_fit}), at least {@code connection_leak_min_increase} sessions over
 * {@code connection_leak_min_points} or more readings, made of at least {@code connection_leak_min_points - 1}
 * separate rises (a pool opening its connections at start-up rises once), and still at its peak; judged over the
 * window and over its recent halves ({@link Trend#recent}), so that a leak starting late is not drowned by the flat
 * readings before it.
 *
 * <p>Exports the sessions of the {@link #EXPORTED_CLIENTS} largest hosts (the rest summed as {@code other}) and
 * their growth rate, plus both for any host with a finding.
 */
public final class ConnectionLeakDetector implements Detector {

    static final int EXPORTED_CLIENTS = 50;
    static final String OTHER = "other";

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        Map<String, Long> current = sessionsByHost(Frames.latest(frames));
        Map<String, List<Sample>> series = series(frames);
        List<Finding> findings = new ArrayList<>();
        List<String> leaking = new ArrayList<>();
        Map<String, Trend> trends = new HashMap<>();
        current.forEach((host, sessions) -> {
            List<Sample> samples = series.getOrDefault(host, List.of());
            Trend.of(samples).ifPresent(tr -> trends.put(host, tr));
            Optional<Trend> rising = Trend.recent(samples, t.connectionLeakMinPoints(), tr -> rising(tr, t));
            if (sessions > t.connectionLeakMaxSessions() || rising.isPresent()) {
                leaking.add(host);
                findings.add(finding(host, sessions, rising, t));
            }
        });
        findings.sort((a, b) -> Long.compare(current.get(b.subject()), current.get(a.subject())));
        List<Measurement> measurements = new ArrayList<>();
        List<String> hosts = current.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<String> shown = new ArrayList<>(hosts.subList(0, Math.min(EXPORTED_CLIENTS, hosts.size())));
        leaking.stream().filter(h -> !shown.contains(h)).forEach(shown::add);
        long other = 0;
        for (String host : hosts) {
            if (shown.contains(host)) {
                measurements.add(Measurement.of(Measure.CLIENT_SESSIONS, current.get(host), host));
                Trend tr = trends.get(host);
                if (tr != null && tr.points() >= t.connectionLeakMinPoints()) {
                    measurements.add(Measurement.of(Measure.CLIENT_CONNECTION_GROWTH_RATE, tr.slopePerSecond(), host));
                }
            } else {
                other += current.get(host);
            }
        }
        if (shown.size() < hosts.size()) {
            measurements.add(Measurement.of(Measure.CLIENT_SESSIONS, other, OTHER));
        }
        return Detection.of(findings, measurements);
    }

    static boolean rising(Trend tr, FindingThresholds t) {
        return tr.points() >= t.connectionLeakMinPoints() && tr.slopePerSecond() > 0
                && tr.last() - tr.first() >= t.connectionLeakMinIncrease() && tr.fit() >= t.growthMinFit()
                && tr.last() >= tr.max() && tr.rises() >= t.connectionLeakMinPoints() - 1;
    }

    /** Session connections per client host, summed over the members whose cons is known. */
    static Map<String, Long> sessionsByHost(Frame f) {
        Map<String, Long> out = new TreeMap<>();
        for (MemberFrame m : f.upMembers()) {
            m.clients().ifPresent(c -> c.byHost().forEach((h, n) -> out.merge(h, n, Long::sum)));
        }
        return out;
    }

    /**
     * Each host's sessions over the distinct cons readings of the window, oldest first. A host absent from a
     * reading had no session then (0), unless it was beyond a capped tally.
     */
    static Map<String, List<Sample>> series(List<Frame> frames) {
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        List<Instant> lastKey = null;
        List<Instant> times = new ArrayList<>();
        List<Map<String, Long>> readings = new ArrayList<>();
        for (Frame f : frames) {
            List<Instant> key = f.upMembers().stream().flatMap(m -> m.clients().stream()).map(c -> c.at()).toList();
            if (!key.isEmpty() && !key.equals(lastKey)) {
                times.add(key.stream().max(Instant::compareTo).orElseThrow());
                readings.add(sessionsByHost(f));
                lastKey = key;
            }
        }
        for (Map<String, Long> r : readings) {
            r.keySet().forEach(h -> out.putIfAbsent(h, new ArrayList<>()));
        }
        out.forEach((host, samples) -> {
            for (int i = 0; i < readings.size(); i++) {
                samples.add(new Sample(times.get(i), readings.get(i).getOrDefault(host, 0L)));
            }
        });
        return out;
    }

    private static Finding finding(String host, long sessions, Optional<Trend> rising, FindingThresholds t) {
        String why = rising.map(tr -> "rose steadily from " + Frames.number(tr.first()) + " to " + sessions + " over "
                        + OrphanGrace.seconds(tr.span()) + " (" + tr.points() + " readings)")
                .orElse("exceed the limit of " + t.connectionLeakMaxSessions());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessions", sessions);
        details.put("threshold_sessions", t.connectionLeakMaxSessions());
        rising.ifPresent(tr -> {
            details.put("first_in_window", tr.first());
            details.put("slope_per_second", tr.slopePerSecond());
            details.put("fit_r2", tr.fit());
            details.put("points", tr.points());
        });
        return new Finding(FindingKind.CONNECTION_LEAK, "", SubjectKind.CLIENT, host, "sessions from client host "
                + host + " " + why + ": a client that opens connections without closing them", details);
    }
}
