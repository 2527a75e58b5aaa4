package io.zkwatch.collectors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.transport.AdminEndpoint;
import io.zkwatch.collectors.transport.Transports;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.TestEnsembles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Runs a loop of live calls against one running server whose whitelist refuses some commands: successes over
 * both transports, whitelist refusals, refused connections, unknown AdminServer commands, and timeouts while
 * the server is paused. Then the test JVM's open file descriptors and live threads must be back at their level
 * before the loop, and the spool directory empty.
 *
 * <p>Every reply is spooled to a file here (no heap budget), so a reply or spill file that is not closed on some
 * path shows as a left-over file. Threads named "process reaper" are the JDK's, serving the harness's
 * {@code kill -STOP/-CONT}: they are not the product's and are not counted.
 */
final class LeakCheck {

    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final CollectorCatalog CATALOG = CollectorCatalog.defaults();
    private static final int ROUNDS = 20;
    private static final int PAUSED_ROUNDS = 5;

    /** One live call and what it must give: {@code ok}, or a failure kind's label. */
    private record Call(Collector<?> collector, CommandTransport transport, String expected) {
        static Call ok(Collector<?> collector, CommandTransport transport) {
            return new Call(collector, transport, "ok");
        }

        static Call fails(FailureKind kind, Collector<?> collector, CommandTransport transport) {
            return new Call(collector, transport, kind.label());
        }

        void run() {
            assertEquals(expected, LiveAssertions.outcome(collector, transport),
                    () -> collector.command().label() + " via " + transport.target());
        }
    }

    private final LocalServer server;

    LeakCheck(LocalServer server) {
        this.server = server;
    }

    void run() throws IOException {
        Path spool = Files.createTempDirectory(Files.createDirectories(TestEnsembles.workDirectory()), "leak-spool-");
        Limits normal = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(5), 64L << 20, 1 << 20, 0, spool);
        Limits quick = new Limits(Duration.ofMillis(200), Duration.ofMillis(400), 64L << 20, 1 << 20, 0, spool);
        CommandTransport four = Via.FOUR_LETTER.to(server, normal);
        CommandTransport admin = Via.ADMIN.to(server, normal);
        int closed = closedPort();
        List<Call> whileRunning = List.of(
                Call.ok(CATALOG.mntr(), four),
                Call.ok(CATALOG.wchc(), admin),
                Call.ok(CATALOG.wchp(), admin),
                Call.ok(CATALOG.conf(), admin),
                Call.fails(FailureKind.NOT_WHITELISTED, CATALOG.wchc(), four),
                Call.fails(FailureKind.NOT_WHITELISTED, CATALOG.cons(), four),
                Call.fails(FailureKind.CONNECTION_REFUSED, CATALOG.mntr(), Transports.fourLetter(server.host(), closed, normal)),
                Call.fails(FailureKind.CONNECTION_REFUSED, CATALOG.wchs(),
                        Transports.admin(AdminEndpoint.of("http://" + server.host() + ":" + closed), normal)),
                Call.fails(FailureKind.HTTP_NOT_FOUND, CATALOG.mntr(),
                        Transports.admin(Via.admin(server).withCommandsRoot("/commands/no_such_command"), normal)));
        List<Call> whilePaused = List.of(
                Call.fails(FailureKind.TIMEOUT, CATALOG.mntr(), Via.FOUR_LETTER.to(server, quick)),
                Call.fails(FailureKind.TIMEOUT, CATALOG.wchc(), Via.ADMIN.to(server, quick)));

        // Warm up: lazily loaded JDK classes and files, the transports' one deadline thread, the process reaper.
        whileRunning.forEach(Call::run);
        paused(whilePaused, 1);
        long fdsBefore = openFileDescriptors();
        long threadsBefore = liveThreads();

        for (int i = 0; i < ROUNDS; i++) {
            whileRunning.forEach(Call::run);
        }
        paused(whilePaused, PAUSED_ROUNDS);
        whileRunning.forEach(Call::run);

        try (Stream<Path> files = Files.list(spool)) {
            List<Path> left = files.toList();
            assertEquals(0, left.size(), () -> left.size() + " spool files left behind, such as " + left.get(0));
        }
        assertSettlesAtMost(fdsBefore, LeakCheck::openFileDescriptors, "open file descriptors");
        assertSettlesAtMost(threadsBefore, LeakCheck::liveThreads, "live threads");
    }

    /** Pauses the server (SIGSTOP), runs the calls {@code rounds} times, resumes it and waits until it serves. */
    private void paused(List<Call> calls, int rounds) {
        server.pause();
        try {
            for (int i = 0; i < rounds; i++) {
                calls.forEach(Call::run);
            }
        } finally {
            server.resume();
        }
        server.awaitServing(Duration.ofSeconds(30));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // nothing listens once it is closed: connections are refused
        }
    }

    private static void assertSettlesAtMost(long before, LongSupplier count, String what) {
        LiveAssertions.await(what + " back at " + before + " (now " + count.getAsLong() + ")", Duration.ofSeconds(10),
                () -> count.getAsLong() <= before);
        long after = count.getAsLong();
        assertTrue(after <= before, () -> what + ": " + before + " before the loop, " + after + " after");
    }

    private static long openFileDescriptors() {
        String[] fds = FD_DIR.toFile().list();
        if (fds == null) {
            throw new IllegalStateException("cannot list " + FD_DIR);
        }
        return fds.length;
    }

    private static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().equals("process reaper")).count();
    }
}
