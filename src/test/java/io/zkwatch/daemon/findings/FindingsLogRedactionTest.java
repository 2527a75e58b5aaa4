package io.zkwatch.daemon.findings;

import static io.zkwatch.daemon.findings.Hand.member;
import static io.zkwatch.daemon.findings.Hand.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The engine's log lines show a finding as the daemon's redaction makes it, when it starts and when it ends. */
class FindingsLogRedactionTest {

    @Test
    void bothTheStartAndTheEndOfAFindingAreLoggedAsShown() {
        SnapshotStore store = new SnapshotStore();
        store.register("e", t(0));
        store.update("e", old -> Hand.ensemble(t(0), member("zk1:2181").monitor(t(0), 1)));
        AtomicBoolean active = new AtomicBoolean(true);
        Detector leak = (frames, th, now) -> Detection.of(active.get()
                ? List.of(new Finding(FindingKind.CONNECTION_LEAK, "", Finding.SubjectKind.CLIENT, "10.7.7.7",
                        "sessions from client host 10.7.7.7 exceed the limit", Map.of("client", "10.7.7.7")))
                : List.of(), List.of());
        FindingsEngine engine = new FindingsEngine(store, e -> FindingThresholds.defaults(),
                Clock.fixed(t(1), ZoneOffset.UTC), List.of(leak), (ensemble, f) -> new Finding(f.kind(), f.server(),
                f.subjectKind(), "hidden", f.summary().replace("10.7.7.7", "hidden"), Map.of()));
        Logger logger = (Logger) LoggerFactory.getLogger("zkwatch.findings");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            engine.evaluate();
            engine.evaluate();
            active.set(false);
            engine.evaluate();
        } finally {
            logger.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("subject=hidden active: sessions from client host hidden"), lines.get(0));
        assertTrue(lines.get(1).contains("subject=hidden no longer active"), lines.get(1));
        lines.forEach(l -> assertFalse(l.contains("10.7.7.7"), l));
    }
}
