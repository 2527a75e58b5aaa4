package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.findings.Finding.SubjectKind;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gaps in what zkwatch can see, so that a missing finding is never mistaken for a healthy ensemble: a member that
 * does not answer ({@code member_unreachable}), a member the ensemble reports that the configuration does not list
 * ({@code member_not_configured}), and a command a finding needs that the member refuses ({@code command_refused},
 * subject: the command), naming the findings it blinds.
 */
public final class CoverageDetector implements Detector {

    /** Failures that mean "not allowed", as opposed to "not there" or "went wrong". */
    static final Set<FailureKind> REFUSALS = EnumSet.of(FailureKind.NOT_WHITELISTED, FailureKind.HTTP_UNAUTHORIZED);

    /** Which findings each command feeds. */
    static final Map<Command, List<FindingKind>> NEEDED_BY = new EnumMap<>(Command.class);

    static {
        NEEDED_BY.put(Command.MNTR, List.of(FindingKind.WATCH_GROWTH, FindingKind.MEMORY_GROWTH, FindingKind.SKEW));
        NEEDED_BY.put(Command.CONS, List.of(FindingKind.SKEW, FindingKind.ORPHANED_WATCHES,
                FindingKind.CONNECTION_LEAK, FindingKind.PATH_WATCH_PATTERN, FindingKind.CONFIG_WATCH_LEAK));
        NEEDED_BY.put(Command.WCHC, List.of(FindingKind.ORPHANED_WATCHES, FindingKind.SESSION_WATCH_GROWTH));
        NEEDED_BY.put(Command.WCHP, List.of(FindingKind.PATH_WATCH_PATTERN, FindingKind.CONFIG_WATCH_LEAK));
        NEEDED_BY.put(Command.DUMP, List.of(FindingKind.ORPHANED_WATCHES));
        NEEDED_BY.put(Command.ENVI, List.of(FindingKind.MEMORY_GROWTH));
        NEEDED_BY.put(Command.CONF, List.of(FindingKind.ORPHANED_WATCHES));
        NEEDED_BY.put(Command.SYSTEM_PROPERTIES, List.of(FindingKind.ORPHANED_WATCHES));
    }

    @Override
    public Detection detect(List<Frame> frames, FindingThresholds t, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (MemberFrame m : Frames.latest(frames).members()) {
            if (m.origin() == MemberOrigin.DISCOVERED) {
                findings.add(new Finding(FindingKind.MEMBER_NOT_CONFIGURED, m.server(), SubjectKind.NONE, "",
                        m.server() + " is a member of the ensemble (its membership lists it) but not in zkwatch's "
                                + "configuration; it is polled because discovery is on. Add it to the members list",
                        Map.of("origin", m.origin().label())));
            }
            if (m.polled() && !m.up()) {
                String why = m.status(Command.MNTR).filter(s -> !s.ok())
                        .map(s -> s.failure().orElseThrow().label() + ": " + s.message()).orElse("not serving");
                findings.add(new Finding(FindingKind.MEMBER_UNREACHABLE, m.server(), SubjectKind.NONE, "",
                        m.server() + " did not answer its last poll (" + why + "); no finding covers it until it does",
                        Map.of("reason", why)));
                continue;
            }
            for (CommandStatus st : m.commands().values()) {
                if (st.failure().filter(REFUSALS::contains).isPresent() && NEEDED_BY.containsKey(st.command())) {
                    findings.add(refused(m.server(), st));
                }
            }
        }
        return Detection.of(findings, List.of());
    }

    private static Finding refused(String server, CommandStatus st) {
        List<FindingKind> blinded = NEEDED_BY.get(st.command());
        String label = st.command().label();
        String kinds = blinded.stream().map(FindingKind::label).collect(Collectors.joining(", "));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("command", label);
        details.put("failure", st.failure().orElseThrow().label());
        details.put("message", st.message());
        details.put("last_attempt", st.at().toString());
        details.put("findings_affected", blinded.stream().map(FindingKind::label).toList());
        return new Finding(FindingKind.COMMAND_REFUSED, server, SubjectKind.COMMAND, label, server + " refuses "
                + label + " (" + st.failure().orElseThrow().label() + "), so " + kinds
                + " cannot be computed for it: add it to 4lw.commands.whitelist or give zkwatch its AdminServer",
                details);
    }
}
