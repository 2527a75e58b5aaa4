package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.FailureKind;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine: history per ensemble, isolation of a failing detector, and when a finding became active. */
class FindingsEngineTest {

    /** A clock a test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now = t(0);

        void set(Instant i) {
            now = i;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SnapshotStore store = new SnapshotStore();
    private final TestClock clock = new TestClock();

    private void publish(EnsembleSnapshot s) {
        store.register("e", t(0));
        store.update("e", old -> s);
    }

    private static EnsembleSnapshot down(double at) {
        return Hand.ensemble(t(at), member("zk1:2181").down(t(at), FailureKind.CONNECTION_REFUSED));
    }

    private static EnsembleSnapshot up(double at) {
        return Hand.ensemble(t(at), member("zk1:2181").monitor(t(at), 1));
    }

    @Test
    void findingKeepsTheTimeItBecameActiveUntilItEnds() {
        FindingsEngine engine = new FindingsEngine(store, e -> FindingThresholds.defaults(), clock,
                List.of(new CoverageDetector()));
        publish(down(0));
        clock.set(t(1));
        assertEquals(t(1), engine.evaluate().get(0).findings().get(0).since());
        publish(down(15));
        clock.set(t(16));
        EnsembleFindings second = engine.evaluate().get(0);
        assertEquals(t(1), second.findings().get(0).since());
        assertEquals(second, engine.latest().get(0));
        publish(up(30));
        clock.set(t(31));
        assertEquals(List.of(), engine.evaluate().get(0).findings());
        publish(down(45));
        clock.set(t(46));
        assertEquals(t(46), engine.evaluate().get(0).findings().get(0).since(), "a new episode");
    }

    @Test
    void failingDetectorCostsOnlyItsOwnFindings() {
        Detector broken = (frames, t, now) -> {
            throw new IllegalStateException("bug");
        };
        FindingsEngine engine = new FindingsEngine(store, e -> FindingThresholds.defaults(), clock,
                List.of(broken, new CoverageDetector()));
        publish(down(0));
        clock.set(t(1));
        EnsembleFindings r = engine.evaluate().get(0);
        assertEquals(List.of(FindingKind.MEMBER_UNREACHABLE), r.findings().stream().map(a -> a.finding().kind()).toList());
        assertTrue(r.checks().values().stream().anyMatch(v -> String.valueOf(v).contains("bug")), r.checks().toString());
    }

    @Test
    void historyGrowsOnlyWithNewSnapshotsAndForgetsWhatIsOlderThanTheWindow() {
        AtomicInteger seen = new AtomicInteger();
        Detector counting = (frames, t, now) -> {
            seen.set(frames.size());
            return Detection.of(List.of(), List.of());
        };
        FindingThresholds t = FindingThresholds.defaults().toBuilder().historyWindow(Duration.ofMinutes(2))
                .growthMinSpan(Duration.ofMinutes(1)).build();
        FindingsEngine engine = new FindingsEngine(store, e -> t, clock, List.of(counting));
        publish(up(0));
        for (int i = 1; i <= 3; i++) {
            clock.set(t(i));
            engine.evaluate();
        }
        assertEquals(1, seen.get(), "the same snapshot three times is one frame");
        for (int i = 1; i <= 20; i++) {
            publish(up(i * 10));
            clock.set(t(i * 10 + 1));
            engine.evaluate();
        }
        assertEquals(13, seen.get(), "frames from 81 s to 201 s: two minutes");
        store.remove("e");
        assertEquals(List.of(), engine.evaluate());
    }
}
