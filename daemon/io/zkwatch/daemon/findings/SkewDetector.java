package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.findings.Measurement.Measure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Clients pinned to one member: a member whose share of the ensemble's session connections or watches is far
 * above its fair share (1 / members answering), over several of its polls. The finding names the client hosts
 * that connect to that member only: typically a connect string listing a single server (Flume agents, scripts).
 *
 * <p>One series per pinned host (up to {@code max_subjects}, largest first); with no pinned host, one series with
 * an empty subject. All pinned hosts are in the API.
 */
public final class SkewDetector implements Detector {

    /** The two things a member can hold too much of. */
    enum Type {
        CONNECTIONS, WATCHES;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A member's share of one type in one frame. */
    record Share(long value, long total, int members, Instant readAt) {
        double ratio() {
            return total == 0 ? 0 : (double) value * members / total;
        }
    }

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        Frame latest = Frames.latest(frames);
        List<Measurement> measurements = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (MemberFrame m : latest.upMembers()) {
            Map<Type, Share> skewed = new LinkedHashMap<>();
            Map<Type, Integer> polls = new LinkedHashMap<>();
            for (Type type : Type.values()) {
                Optional<Share> share = share(latest, m.server(), type);
                share.filter(s -> s.members() >= 2 && s.total() > 0).ifPresent(s ->
                        measurements.add(Measurement.of(Measure.SKEW_RATIO, s.ratio(), m.server(), type.label())));
                int sustained = sustainedPolls(frames, m.server(), type, t);
                if (sustained >= t.skewMinPolls()) {
                    skewed.put(type, share.orElseThrow());
                    polls.put(type, sustained);
                }
            }
            if (!skewed.isEmpty()) {
                findings.addAll(findings(latest, m.server(), skewed, polls, t));
            }
        }
        return Detection.of(findings, measurements);
    }

    static Optional<Share> share(Frame f, String server, Type type) {
        long total = 0;
        int members = 0;
        OptionalLong own = OptionalLong.empty();
        Instant at = null;
        for (MemberFrame m : f.upMembers()) {
            OptionalLong v = value(m, type);
            if (v.isEmpty()) {
                continue;
            }
            members++;
            total += v.getAsLong();
            if (m.server().equals(server)) {
                own = v;
                at = type == Type.CONNECTIONS ? m.clients().orElseThrow().at() : m.monitor().orElseThrow().at();
            }
        }
        return own.isPresent() ? Optional.of(new Share(own.getAsLong(), total, members, at)) : Optional.empty();
    }

    private static OptionalLong value(MemberFrame m, Type type) {
        if (type == Type.CONNECTIONS) {
            return m.clients().map(c -> OptionalLong.of(c.sessions())).orElse(OptionalLong.empty());
        }
        return m.monitor().map(r -> r.watches()).orElse(OptionalLong.empty());
    }

    private static boolean over(Share s, Type type, FindingThresholds t) {
        long min = type == Type.CONNECTIONS ? t.skewMinConnections() : t.skewMinWatches();
        return s.members() >= 2 && s.total() >= min && s.ratio() > t.skewRatio();
    }

    /** How many distinct polls of the member, newest back, the skew held in without a break. */
    static int sustainedPolls(List<Frame> frames, String server, Type type, FindingThresholds t) {
        Set<Instant> polls = new HashSet<>();
        for (int i = frames.size() - 1; i >= 0; i--) {
            Optional<Share> s = share(frames.get(i), server, type);
            if (s.isEmpty() || !over(s.get(), type, t)) {
                break;
            }
            polls.add(s.get().readAt());
        }
        return polls.size();
    }

    /** Hosts with sessions on {@code server} and on no other member, most sessions first. */
    static List<Map.Entry<String, Long>> pinnedHosts(Frame f, String server) {
        Set<String> elsewhere = new HashSet<>();
        Map<String, Long> here = new LinkedHashMap<>();
        for (MemberFrame m : f.upMembers()) {
            if (m.clients().isEmpty()) {
                continue;
            }
            if (m.server().equals(server)) {
                here.putAll(m.clients().get().byHost());
            } else {
                elsewhere.addAll(m.clients().get().byHost().keySet());
            }
        }
        return here.entrySet().stream().filter(e -> !elsewhere.contains(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    private static List<Finding> findings(Frame f, String server, Map<Type, Share> skewed, Map<Type, Integer> polls,
                                          FindingThresholds t) {
        List<Map.Entry<String, Long>> pinned = pinnedHosts(f, server);
        List<String> parts = new ArrayList<>();
        Map<String, Object> shares = new LinkedHashMap<>();
        skewed.forEach((type, s) -> {
            parts.add(Frames.percent((double) s.value() / s.total()) + " of the ensemble's " + s.total() + " "
                    + (type == Type.CONNECTIONS ? "session connections" : "watches") + " ("
                    + Frames.number(Math.round(s.ratio() * 100) / 100.0) + "x its fair share of "
                    + Frames.percent(1.0 / s.members()) + ", over " + polls.get(type) + " polls)");
            shares.put(type.label(), Map.of("value", s.value(), "total", s.total(), "members", s.members(),
                    "ratio", s.ratio(), "polls", polls.get(type)));
        });
        String what = server + " holds " + String.join(" and ", parts);
        List<Object> hostList = pinned.stream().limit(50)
                .map(e -> (Object) Map.of("client", e.getKey(), "sessions", e.getValue())).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("shares", shares);
        details.put("threshold_ratio", t.skewRatio());
        details.put("pinned_clients", hostList);
        details.put("pinned_client_count", pinned.size());
        if (pinned.isEmpty()) {
            return List.of(new Finding(FindingKind.SKEW, server, SubjectKind.NONE, "",
                    what + "; no client host connects to it alone, so the imbalance comes from hosts spread unevenly",
                    details));
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, Long> host : pinned.subList(0, Math.min(t.maxSubjects(), pinned.size()))) {
            String others = pinned.size() > 1 ? ", like " + (pinned.size() - 1) + " other host(s)" : "";
            out.add(new Finding(FindingKind.SKEW, server, SubjectKind.CLIENT, host.getKey(), what + "; client host "
                    + host.getKey() + " connects to it only (" + host.getValue() + " sessions)" + others
                    + ": check that its connect string lists every member", details));
        }
        return out;
    }
}
