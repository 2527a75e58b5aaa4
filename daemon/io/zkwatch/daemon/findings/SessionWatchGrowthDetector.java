package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A session whose own watch count keeps climbing, dump after dump, on one member: a client that registers watches
 * and never lets them fire or removes them (a leaking listener, a watch per request). Compares the per-session
 * counts of consecutive wchc dumps since the member's last restart; the series must never fall and must rise by at
 * least {@code session_growth_min_increase} over at least {@code session_growth_min_dumps} dumps.
 *
 * <p>Only the {@link FrameBuilder#MAX_TRACKED_SESSIONS} sessions with the most watches are followed per dump.
 */
public final class SessionWatchGrowthDetector implements Detector {

    /** A climbing session: its counts, oldest first. */
    record Climb(long sessionId, String host, List<Long> counts, Instant since) {
        long increase() {
            return counts.get(counts.size() - 1) - counts.get(0);
        }
    }

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (MemberFrame latest : Frames.latest(frames).upMembers()) {
            List<SessionCounts> dumps = dumps(Frames.sinceLastRestart(frames, latest.server()));
            if (dumps.size() < t.sessionGrowthMinDumps()) {
                continue;
            }
            List<Climb> climbs = climbs(dumps, t);
            for (Climb c : climbs.subList(0, Math.min(t.maxSubjects(), climbs.size()))) {
                findings.add(finding(latest.server(), c, climbs.size()));
            }
        }
        return Detection.of(findings, List.of());
    }

    /** The distinct wchc digests, oldest first. */
    static List<SessionCounts> dumps(List<MemberFrame> frames) {
        List<SessionCounts> out = new ArrayList<>();
        for (MemberFrame m : frames) {
            m.sessionWatches().ifPresent(c -> {
                if (out.isEmpty() || c.at().isAfter(out.get(out.size() - 1).at())) {
                    out.add(c);
                }
            });
        }
        return out;
    }

    static List<Climb> climbs(List<SessionCounts> dumps, FindingThresholds t) {
        SessionCounts last = dumps.get(dumps.size() - 1);
        List<Climb> out = new ArrayList<>();
        for (int i = 0; i < last.size(); i++) {
            long id = last.id(i);
            List<Long> counts = new ArrayList<>();
            counts.add(last.watchesAt(i));
            Instant since = last.at();
            for (int d = dumps.size() - 2; d >= 0; d--) {
                OptionalLong earlier = dumps.get(d).watches(id);
                if (earlier.isEmpty() || earlier.getAsLong() > counts.get(0)) {
                    break;
                }
                counts.add(0, earlier.getAsLong());
                since = dumps.get(d).at();
            }
            Climb c = new Climb(id, last.hostAt(i), counts, since);
            if (counts.size() >= t.sessionGrowthMinDumps() && c.increase() >= t.sessionGrowthMinIncrease()) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(Climb::increase).reversed().thenComparingLong(Climb::sessionId));
        return out;
    }

    private static Finding finding(String server, Climb c, int climbing) {
        String hex = "0x" + Long.toHexString(c.sessionId());
        String summary = "session " + hex + " from client host " + c.host() + " holds ever more watches on " + server
                + ": " + c.counts().get(0) + " to " + c.counts().get(c.counts().size() - 1) + " over "
                + c.counts().size() + " dumps since " + c.since();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session", hex);
        details.put("client", c.host());
        details.put("watch_counts", c.counts());
        details.put("increase", c.increase());
        details.put("since", c.since().toString());
        details.put("climbing_sessions_on_server", climbing);
        return new Finding(FindingKind.SESSION_WATCH_GROWTH, server, SubjectKind.SESSION, hex, summary, details);
    }
}
