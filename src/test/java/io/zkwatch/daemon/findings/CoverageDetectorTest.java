package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coverage gaps: a member down, a member not configured, a command refused; never a silent zero. */
class CoverageDetectorTest {

    private final CoverageDetector detector = new CoverageDetector();

    @Test
    void unreachableDiscoveredAndRefusingMembersAreEachNamed() {
        Detection d = new Replay().add(t(1), Hand.ensemble(t(0),
                member("zk1:2181").role("leader").monitor(t(0), 1)
                        .failed(Command.WCHC, t(0), FailureKind.NOT_WHITELISTED,
                                "wchc is not executed because it is not in the whitelist."),
                member("zk2:2181").down(t(0), FailureKind.CONNECTION_REFUSED),
                member("zk3:2181").role("follower").origin(MemberOrigin.DISCOVERED).monitor(t(0), 1)
                        .failed(Command.DUMP, t(0), FailureKind.UNAVAILABLE, "dump lists live sessions only on the leader")))
                .run(detector);
        assertEquals(List.of("wchc"), Replay.subjects(d, FindingKind.COMMAND_REFUSED),
                "dump on a follower is unavailable by design, not refused");
        Finding refused = d.findings().stream().filter(f -> f.kind() == FindingKind.COMMAND_REFUSED).findFirst()
                .orElseThrow();
        assertEquals("zk1:2181", refused.server());
        assertTrue(refused.summary().contains("orphaned_watches, session_watch_growth cannot be computed"),
                refused.summary());
        assertEquals(List.of(""), Replay.subjects(d, FindingKind.MEMBER_UNREACHABLE));
        assertEquals("zk2:2181", d.findings().stream().filter(f -> f.kind() == FindingKind.MEMBER_UNREACHABLE)
                .findFirst().orElseThrow().server());
        assertEquals("zk3:2181", d.findings().stream().filter(f -> f.kind() == FindingKind.MEMBER_NOT_CONFIGURED)
                .findFirst().orElseThrow().server());
    }

    @Test
    void healthyMembersRaiseNothing() {
        Detection d = new Replay().add(t(1), Hand.ensemble(t(0),
                member("zk1:2181").role("leader").monitor(t(0), 1).cons(t(0)),
                member("zk2:2181").role("follower").monitor(t(0), 1).cons(t(0)))).run(detector);
        assertEquals(List.of(), d.findings());
    }
}
