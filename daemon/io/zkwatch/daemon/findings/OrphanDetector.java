package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.Command;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.findings.Measurement.Measure;
import io.zkwatch.daemon.findings.OrphanObservation.Candidate;
import io.zkwatch.daemon.snapshot.CommandStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orphaned watches (ZOOKEEPER-1382): sessions a member lists in {@code wchc} although they are closed.
 *
 * <p>A session is an orphan on a member when it is a candidate (watches in a wchc dump, no connection in a cons
 * read after that dump, and not live on the leader where the leader's dump is known) in at least
 * {@code orphan_min_observations} consecutive dumps spanning at least the member's {@link OrphanGrace}. This rules
 * out, without special cases: the race between cons and wchc (the newer cons lists a session that just connected);
 * a session closing or moving between two readings (its next dump no longer lists it, so the run breaks); a
 * disconnected client whose session has not expired yet, and {@code WatchManagerOptimized}'s lazy clean-up (both
 * shorter than the grace); and a restart (runs never span one).
 */
public final class OrphanDetector implements Detector {

    /** A session that qualified, with the run that proves it. */
    record Orphan(Candidate candidate, Instant firstSeen, Instant lastSeen, int observations) {
    }

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        Frame latest = Frames.latest(frames);
        List<Finding> findings = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Object> checks = new LinkedHashMap<>();
        for (MemberFrame m : latest.upMembers()) {
            OrphanGrace grace = m.grace();
            measurements.add(Measurement.of(Measure.ORPHAN_GRACE_SECONDS, grace.grace().toMillis() / 1000.0,
                    m.server()));
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("grace_seconds", grace.grace().toMillis() / 1000.0);
            check.put("grace", grace.reason());
            check.put("watch_manager", grace.watchManager());
            checks.put(m.server(), check);
            List<OrphanObservation> observations = observations(frames, m.server());
            if (observations.isEmpty()) {
                check.put("evaluated", false);
                check.put("reason", notEvaluated(m));
                continue;
            }
            Duration window = t.historyWindow();
            if (grace.grace().compareTo(window) >= 0) {
                check.put("warning", "the grace is not shorter than history_window (" + OrphanGrace.seconds(window)
                        + "): no session can qualify; raise history_window");
            }
            List<Orphan> orphans = orphans(observations, grace.grace(), t.orphanMinObservations());
            OrphanObservation last = observations.get(observations.size() - 1);
            long watches = orphans.stream().mapToLong(o -> o.candidate().watches()).sum();
            measurements.add(Measurement.of(Measure.ORPHANED_SESSIONS, orphans.size(), m.server()));
            measurements.add(Measurement.of(Measure.ORPHANED_WATCHES, watches, m.server()));
            check.put("evaluated", true);
            check.put("observations", observations.size());
            check.put("last_wchc", last.wchcAt().toString());
            check.put("leader_checked", last.leaderChecked());
            check.put("candidates", last.totalCandidates());
            check.put("orphaned_sessions", orphans.size());
            check.put("orphaned_watches", watches);
            check.put("top", orphans.stream().limit(50).map(OrphanDetector::row).toList());
            for (Orphan o : orphans.subList(0, Math.min(t.maxSubjects(), orphans.size()))) {
                findings.add(finding(m.server(), o, grace, last.leaderChecked(), orphans.size(), watches));
            }
        }
        return new Detection(findings, measurements, Map.of("orphaned_watches", checks));
    }

    /**
     * The member's observations since its last restart, one per wchc dump (the one judged against the newest cons),
     * oldest first.
     */
    static List<OrphanObservation> observations(List<Frame> frames, String server) {
        List<OrphanObservation> out = new ArrayList<>();
        for (MemberFrame m : Frames.sinceLastRestart(frames, server)) {
            if (m.orphans().isEmpty()) {
                continue;
            }
            OrphanObservation o = m.orphans().get();
            if (!out.isEmpty() && out.get(out.size() - 1).wchcAt().equals(o.wchcAt())) {
                if (o.consAt().isAfter(out.get(out.size() - 1).consAt())) {
                    out.set(out.size() - 1, o);
                }
            } else if (out.isEmpty() || o.wchcAt().isAfter(out.get(out.size() - 1).wchcAt())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Candidates of the newest observation whose run of consecutive observations is long enough; most watches first. */
    static List<Orphan> orphans(List<OrphanObservation> observations, Duration grace, int minObservations) {
        OrphanObservation last = observations.get(observations.size() - 1);
        List<Orphan> out = new ArrayList<>();
        for (Candidate c : last.candidates().values()) {
            int run = 1;
            OrphanObservation first = last;
            for (int i = observations.size() - 2; i >= 0 && observations.get(i).candidates().containsKey(c.sessionId());
                 i--) {
                run++;
                first = observations.get(i);
            }
            if (run >= minObservations && Duration.between(first.wchcAt(), last.wchcAt()).compareTo(grace) >= 0) {
                out.add(new Orphan(c, first.wchcAt(), last.wchcAt(), run));
            }
        }
        out.sort(Comparator.comparingLong((Orphan o) -> o.candidate().watches()).reversed()
                .thenComparingLong(o -> o.candidate().sessionId()));
        return out;
    }

    private static String notEvaluated(MemberFrame m) {
        for (Command c : new Command[] {Command.WCHC, Command.CONS}) {
            Optional<CommandStatus> st = m.status(c);
            if (st.isPresent() && !st.get().ok()) {
                return c.label() + " failed (" + st.get().failure().orElseThrow().label() + "): " + st.get().message();
            }
        }
        if (m.sessionWatches().isEmpty()) {
            return "no wchc dump yet";
        }
        return "waiting for a cons read after the last wchc dump";
    }

    private static Map<String, Object> row(Orphan o) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("session", o.candidate().hex());
        r.put("watches", o.candidate().watches());
        r.put("sample_paths", o.candidate().samplePaths());
        r.put("first_seen", o.firstSeen().toString());
        r.put("last_seen", o.lastSeen().toString());
        r.put("observations", o.observations());
        return r;
    }

    private static Finding finding(String server, Orphan o, OrphanGrace grace, boolean leaderChecked, int orphans,
                                   long watches) {
        Candidate c = o.candidate();
        String summary = "session " + c.hex() + " has no connection" + (leaderChecked ? " and is not live on the leader"
                : "") + ", but " + server + " still holds its " + c.watches() + " watch(es) (paths in the details); seen in "
                + o.observations() + " dumps over " + OrphanGrace.seconds(Duration.between(o.firstSeen(), o.lastSeen()))
                + ", beyond the grace of " + OrphanGrace.seconds(grace.grace()) + " (" + grace.reason() + ")";
        Map<String, Object> details = new LinkedHashMap<>(row(o));
        details.put("grace_seconds", grace.grace().toMillis() / 1000.0);
        details.put("grace", grace.reason());
        details.put("watch_manager", grace.watchManager());
        details.put("leader_checked", leaderChecked);
        details.put("orphaned_sessions_on_server", orphans);
        details.put("orphaned_watches_on_server", watches);
        return new Finding(FindingKind.ORPHANED_WATCHES, server, SubjectKind.SESSION, c.hex(), summary, details);
    }
}
