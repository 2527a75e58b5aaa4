package io.zkwatch.collectors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failing calls of every kind must leave no socket, file descriptor, spill file or thread behind. */
class TransportLeakTest {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    @TempDir
    Path dir;

    private record Case(FailureKind kind, CommandTransport transport, Command command) {
    }

    @Test
    void twoHundredFailingCallsLeakNoFileDescriptorsThreadsOrSpillFiles() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Limits quick = new Limits(Duration.ofMillis(100), Duration.ofMillis(200), 64 << 10, 1 << 20, 16 << 10, spool);
        Limits normal = quick.withDeadline(Duration.ofSeconds(5));
        TestPki pki = TestPki.newCa("leak-ca");
        TestPki stranger = TestPki.newCa("leak-stranger-ca");
        TlsSettings tls = TlsSettings.of(TlsMaterial.builder()
                .keyStore(TestPki.writeKeyStore(pki.client(), dir.resolve("client.p12"), "PKCS12"), TestPki.PASSWORD)
                .trustStore(pki.writeCaPem(dir.resolve("ca.pem")), new char[0]).build().reloadingOnChange());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String host = "127.0.0.1";
        try (FakeServer silent = FakeServer.plain(FakeServer::awaitClientClose);
             FakeServer hangUp = FakeServer.plain(FakeServer::readWord);
             FakeServer whitelist = FakeServer.plain(FakeServer.replyWith("wchc is not executed because it is not in the whitelist.\n"));
             FakeServer flood = FakeServer.plain(socket -> {
                 FakeServer.readWord(socket);
                 TestBytes.writePattern(socket.getOutputStream(), 2 << 20, 1);
             });
             FakeServer strangerTls = FakeServer.tls(stranger.serverContext(stranger.server()), true, FakeServer.replyWith("imok"));
             FakeServer silentTls = FakeServer.tls(pki.serverContext(pki.server()), true, FakeServer::awaitClientClose);
             FakeServer truncatedHttp = FakeServer.plain(socket -> {
                 socket.getInputStream().readNBytes(16);
                 socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{".getBytes(StandardCharsets.US_ASCII));
             });
             FakeHttp http = FakeHttp.http()
                     .on("/commands/monitor", FakeHttp.json(404, "not here"))
                     .on("/commands/watches", exchange -> {
                         exchange.sendResponseHeaders(200, 0);
                         try (OutputStream out = exchange.getResponseBody()) {
                             TestBytes.writePattern(out, 2 << 20, 2);
                         } catch (IOException clientGone) {
                             // expected: the client stops at maxBytes
                         }
                     });
             FakeHttp wrongHost = FakeHttp.https(pki.serverContext(pki.serverFor("zk-elsewhere.example")), false)
                     .on("/commands/", FakeHttp.json(200, "{}"))) {
            List<Case> cases = List.of(
                    new Case(FailureKind.CONNECTION_REFUSED, Transports.fourLetter(host, closedPort, normal), Command.MNTR),
                    new Case(FailureKind.TIMEOUT, Transports.fourLetter(host, silent.port(), quick), Command.WCHP),
                    new Case(FailureKind.EMPTY_REPLY, Transports.fourLetter(host, hangUp.port(), normal), Command.ISRO),
                    new Case(FailureKind.NOT_WHITELISTED, Transports.fourLetter(host, whitelist.port(), normal), Command.WCHC),
                    new Case(FailureKind.TOO_LARGE, Transports.fourLetter(host, flood.port(), normal), Command.WCHC),
                    new Case(FailureKind.TLS_HANDSHAKE, Transports.fourLetterTls(host, strangerTls.port(), tls, normal), Command.RUOK),
                    new Case(FailureKind.TIMEOUT, Transports.fourLetterTls(host, silentTls.port(), tls, quick), Command.WCHS),
                    new Case(FailureKind.TRUNCATED, Transports.admin(AdminEndpoint.of("http://" + host + ":" + truncatedHttp.port()), normal), Command.MNTR),
                    new Case(FailureKind.HTTP_NOT_FOUND, Transports.admin(AdminEndpoint.of(http.baseUrl()), normal), Command.MNTR),
                    new Case(FailureKind.TOO_LARGE, Transports.admin(AdminEndpoint.of(http.baseUrl()), normal), Command.WCHC),
                    new Case(FailureKind.TLS_HANDSHAKE, Transports.admin(AdminEndpoint.of(wrongHost.baseUrl()).withTls(tls), normal), Command.RUOK));

            for (Case c : cases) { // warm up: lazily opened JDK files, the shared deadline thread
                callExpecting(c);
            }
            long fdsBefore = openFileDescriptors();
            long threadsBefore = ourThreads();

            for (int i = 0; i < 200; i++) {
                callExpecting(cases.get(i % cases.size()));
            }

            assertEquals(0, TestBytes.filesIn(spool), "spill files left behind");
            assertSettlesAtMost(fdsBefore, TransportLeakTest::openFileDescriptors, "open file descriptors");
            assertSettlesAtMost(threadsBefore, TransportLeakTest::ourThreads, "live threads (fake servers excluded)");
        }
    }

    private static void callExpecting(Case c) {
        CollectorException e = assertThrows(CollectorException.class, () -> c.transport().fetch(c.command()).close());
        assertEquals(c.kind(), e.kind(), e::getMessage);
    }

    /**
     * Fake servers close their side shortly after the client; poll for that with a bounded deadline. The poll
     * sleeps between checks on purpose: spinning allocates, and a garbage collection would let the JDK's socket
     * cleaners close leaked sockets and hide the very leak this test looks for.
     */
    private static void assertSettlesAtMost(long limit, LongSupplier count, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long now = count.getAsLong();
        while (now > limit && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = count.getAsLong();
        }
        long last = now;
        assertTrue(last <= limit, () -> what + ": " + limit + " before, " + last + " after 200 failing calls");
    }

    private static long openFileDescriptors() {
        String[] fds = FD_DIR.toFile().list();
        if (fds == null) {
            throw new IllegalStateException("cannot list " + FD_DIR);
        }
        return fds.length;
    }

    private static long ourThreads() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            String name = entry.getKey().getName();
            if (entry.getKey().isAlive() && !name.startsWith("fake-") && !name.startsWith("HTTP-Dispatcher")) {
                names.add(name);
            }
        }
        return names.size();
    }
}
