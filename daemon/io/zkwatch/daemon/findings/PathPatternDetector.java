package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.findings.MemberFrame.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Suspicious watch patterns of one client host, ensemble-wide (every member's wchp joined with its cons):
 * <ul>
 *   <li>{@code config_watch_leak}: the host watches {@code /zookeeper/config} from more than
 *       {@code config_watch_max_sessions} sessions. Curator's EnsembleTracker watches it from every client; 5.6.0 to
 *       5.7.x leak those clients (CURATOR-710), and so does an application that builds a CuratorFramework per
 *       request.</li>
 *   <li>{@code path_watch_pattern}: the host watches one path from at least {@code path_pattern_min_sessions}
 *       sessions, a number that grew by {@code path_pattern_min_increase} or more within the window, over at least
 *       two separate rises (a service starting its sessions together rises once) and is still at its peak.</li>
 * </ul>
 * Subject: the host (the client to fix); the paths are in the details. Only the top paths of each wchp dump (and
 * {@code /zookeeper/config}) are joined, with at most {@link WatchDumpOptions#DEFAULT_SESSIONS_PER_PATH} session ids
 * each, so counts on very popular paths are lower bounds (marked {@code capped}).
 */
public final class PathPatternDetector implements Detector {

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        List<Finding> findings = new ArrayList<>();
        Frame latest = Frames.latest(frames);
        Map<String, Map<String, Long>> current = byPathAndHost(latest);
        Set<String> capped = capped(latest);
        current.getOrDefault(WatchDumpOptions.CONFIG_NODE, Map.of()).forEach((host, sessions) -> {
            if (sessions > t.configWatchMaxSessions()) {
                findings.add(configLeak(host, sessions, t, capped.contains(WatchDumpOptions.CONFIG_NODE)));
            }
        });
        List<Reading> series = readings(frames);
        Map<String, List<Map<String, Object>>> growingByHost = new TreeMap<>();
        current.forEach((path, hosts) -> {
            if (path.equals(WatchDumpOptions.CONFIG_NODE)) {
                return;
            }
            hosts.forEach((host, sessions) -> {
                if (sessions < t.pathPatternMinSessions()) {
                    return;
                }
                Optional<Trend> trend = Trend.of(samples(series, path, host));
                if (trend.isPresent() && growing(trend.get(), t)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("path", path);
                    row.put("sessions", sessions);
                    row.put("earliest_in_window", (long) trend.get().first());
                    row.put("readings", trend.get().points());
                    row.put("capped", capped.contains(path));
                    growingByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(row);
                }
            });
        });
        List<Map.Entry<String, List<Map<String, Object>>>> hosts = new ArrayList<>(growingByHost.entrySet());
        hosts.sort((a, b) -> Long.compare(total(b.getValue()), total(a.getValue())));
        for (Map.Entry<String, List<Map<String, Object>>> e : hosts.subList(0, Math.min(t.maxSubjects(), hosts.size()))) {
            findings.add(pattern(e.getKey(), e.getValue(), t));
        }
        return Detection.of(findings, List.of());
    }

    /** Sessions per path and host, summed over the members that answered. */
    static Map<String, Map<String, Long>> byPathAndHost(Frame f) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (MemberFrame m : f.upMembers()) {
            m.pathHosts().ifPresent(p -> p.byPath().forEach((path, hosts) -> hosts.forEach((host, n) ->
                    out.computeIfAbsent(path, x -> new TreeMap<>()).merge(host, n, Long::sum))));
        }
        return out;
    }

    private static Set<String> capped(Frame f) {
        Set<String> out = new HashSet<>();
        f.upMembers().forEach(m -> m.pathHosts().ifPresent(p -> out.addAll(p.capped())));
        return out;
    }

    static boolean growing(Trend tr, FindingThresholds t) {
        return tr.points() >= 3 && tr.rises() >= 2 && tr.last() >= tr.max()
                && tr.last() - tr.first() >= t.pathPatternMinIncrease();
    }

    /** The ensemble-wide sums of one distinct set of wchp readings. */
    record Reading(Instant at, Map<String, Map<String, Long>> byPathAndHost) {
    }

    /** One sum per distinct set of wchp readings, oldest first. */
    static List<Reading> readings(List<Frame> frames) {
        List<Reading> out = new ArrayList<>();
        List<Instant> lastKey = null;
        for (Frame f : frames) {
            List<Instant> key = f.upMembers().stream().flatMap(m -> m.pathHosts().stream()).map(p -> p.at()).toList();
            if (!key.isEmpty() && !key.equals(lastKey)) {
                out.add(new Reading(key.stream().max(Instant::compareTo).orElseThrow(), byPathAndHost(f)));
                lastKey = key;
            }
        }
        return out;
    }

    /** The host's sessions on the path in the readings that list them. */
    private static List<Sample> samples(List<Reading> series, String path, String host) {
        List<Sample> out = new ArrayList<>();
        for (Reading r : series) {
            Long v = r.byPathAndHost().getOrDefault(path, Map.of()).get(host);
            if (v != null) {
                out.add(new Sample(r.at(), v));
            }
        }
        return out;
    }

    private static long total(List<Map<String, Object>> rows) {
        return rows.stream().mapToLong(r -> (Long) r.get("sessions")).sum();
    }

    private static Finding configLeak(String host, long sessions, FindingThresholds t, boolean capped) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", WatchDumpOptions.CONFIG_NODE);
        details.put("sessions", sessions);
        details.put("threshold", t.configWatchMaxSessions());
        details.put("capped", capped);
        return new Finding(FindingKind.CONFIG_WATCH_LEAK, "", SubjectKind.CLIENT, host, "client host " + host
                + " watches " + WatchDumpOptions.CONFIG_NODE + " from " + sessions + " sessions (more than "
                + t.configWatchMaxSessions() + "): Curator clients it never closes, as with the EnsembleTracker leak "
                + "of Curator 5.6.0-5.7.x (CURATOR-710) or a CuratorFramework per request", details);
    }

    private static Finding pattern(String host, List<Map<String, Object>> rows, FindingThresholds t) {
        Map<String, Object> top = rows.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("paths", rows);
        details.put("threshold_sessions", t.pathPatternMinSessions());
        details.put("threshold_increase", t.pathPatternMinIncrease());
        return new Finding(FindingKind.PATH_WATCH_PATTERN, "", SubjectKind.CLIENT, host, "client host " + host
                + " watches one path from " + top.get("sessions") + " sessions, up from "
                + top.get("earliest_in_window") + (rows.size() > 1 ? " (and " + (rows.size() - 1) + " more path(s))" : "")
                + ": a growing number of its sessions all watch the same node (paths in the details)", details);
    }
}
