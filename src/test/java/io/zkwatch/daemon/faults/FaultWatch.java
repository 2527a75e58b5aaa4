package io.zkwatch.daemon.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * What every case of the fault matrix checks besides its own metric: the poller's log lines (captured from the
 * {@code zkwatch.poll} logger), that the healthy members keep being polled, and that the test JVM's threads and
 * file descriptors and the daemon's spool directory are back where they were once the fault is gone.
 */
public final class FaultWatch implements AutoCloseable {

    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("zkwatch.poll");
    private long fds;
    private long threads;

    public FaultWatch() {
        appender.setName("fault-matrix");
        appender.start();
        logger.addAppender(appender);
    }

    /** Log events of the poller at {@code level} whose message contains every one of {@code parts}. */
    public List<String> lines(Level level, String... parts) {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        return events.stream().filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> Arrays.stream(parts).allMatch(m::contains)).toList();
    }

    /** Exactly one line at {@code level} with all of {@code parts}: a state change is logged once, not per poll. */
    public String once(Level level, String... parts) {
        List<String> found = lines(level, parts);
        assertEquals(1, found.size(), () -> "expected one " + level + " line with " + Arrays.toString(parts)
                + ", got " + found + "\nall lines:\n" + String.join("\n", all()));
        return found.get(0);
    }

    public List<String> all() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** Remembers the open file descriptors and live threads of this JVM, with the daemon running and warm. */
    public void baseline() {
        fds = openFileDescriptors();
        threads = liveThreads();
    }

    /** Waits (bounded) until descriptors and threads are at most the baseline, and {@code spool} holds no file. */
    public void assertBackToBaseline(Path spool) throws Exception {
        settles(fds, FaultWatch::openFileDescriptors, "open file descriptors");
        settles(threads, FaultWatch::liveThreads, "live threads");
        try (Stream<Path> files = Files.list(spool)) {
            List<Path> left = files.toList();
            assertTrue(left.isEmpty(), "spool files left behind: " + left);
        }
    }

    /**
     * Scrapes for {@code beats} successful mntr polls of every healthy member (each scrape must show it up) and
     * returns the last scrape: the fault of one member stalls no other.
     */
    public static Exposition othersKeepPolling(DaemonHarness d, List<String> healthy, int beats) throws Exception {
        Exposition first = d.scrape();
        Map<String, Double> before = new HashMap<>();
        for (String s : healthy) {
            before.put(s, mntrPolls(first, s));
        }
        Instant end = Instant.now().plus(Duration.ofSeconds(10L + 3L * beats));
        Exposition m = first;
        while (true) {
            boolean all = true;
            for (String s : healthy) {
                assertEquals(1.0, m.value("zkwatch_up", "server", s).orElse(-1), s + " up\n" + m.text());
                all &= mntrPolls(m, s) - before.get(s) >= beats;
            }
            if (all) {
                return m;
            }
            assertTrue(Instant.now().isBefore(end), "healthy members stopped being polled: " + before + "\n"
                    + m.text());
            Thread.sleep(200);
            m = d.scrape();
        }
    }

    private static double mntrPolls(Exposition m, String server) {
        return m.value("zkwatch_collector_duration_seconds_count", "server", server, "collector", "mntr",
                "result", "success").orElse(0);
    }

    private static void settles(long before, LongSupplier count, String what) throws InterruptedException {
        Instant end = Instant.now().plus(SETTLE);
        long now = count.getAsLong();
        while (now > before && Instant.now().isBefore(end)) {
            Thread.sleep(100);
            now = count.getAsLong();
        }
        assertTrue(now <= before, what + ": " + before + " before the fault, " + now + " after it went away\n"
                + (what.contains("thread") ? threadNames() : descriptorTargets().stream().sorted().toList()));
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList().toString();
    }

    /**
     * Open descriptors of this JVM, less those on {@code .jar} files: the class loader opens an archive the first
     * time a class of it is needed and keeps it open, which is not a leak of the code under test.
     */
    static long openFileDescriptors() {
        return descriptorTargets().stream().filter(t -> !t.endsWith(".jar")).count();
    }

    /** What each open descriptor points at ({@code socket:[...]}, a file path, {@code anon_inode:...}). */
    static List<String> descriptorTargets() {
        String[] names = FD_DIR.toFile().list();
        if (names == null) {
            throw new IllegalStateException("cannot list " + FD_DIR);
        }
        List<String> targets = new ArrayList<>();
        for (String n : names) {
            try {
                targets.add(Files.readSymbolicLink(FD_DIR.resolve(n)).toString());
            } catch (IOException e) {
                // closed between the listing and the read
            }
        }
        return targets;
    }

    /** Live threads, less the JDK's "process reaper" threads that serve the harness's kill and signal calls. */
    static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().equals("process reaper")).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
