package io.zkwatch.collectors.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.transport.TlsMaterial.StoreType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsFourLetterTransportTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    static Path pkiDir;
    @TempDir
    Path spoolDir;

    private static TestPki pki;
    private static TestPki strangerPki;
    private static SSLContext serverContext;
    private static TlsMaterial clientMaterial;

    @BeforeAll
    static void createCertificates() throws Exception {
        pki = TestPki.newCa("zk-test-ca");
        strangerPki = TestPki.newCa("some-other-ca");
        serverContext = pki.serverContext(pki.server());
        clientMaterial = TlsMaterial.builder()
                .keyStore(TestPki.writeKeyStore(pki.client(), pkiDir.resolve("client.p12"), "PKCS12"), TestPki.PASSWORD)
                .trustStore(pki.writeTrustStore(pkiDir.resolve("trust.p12"), "PKCS12"), TestPki.PASSWORD)
                .build();
    }

    private Limits limits(Duration deadline) {
        return TestLimits.of(spoolDir, deadline);
    }

    private CommandTransport transport(FakeServer server, TlsSettings tls, Duration deadline) {
        return Transports.fourLetterTls(HOST, server.port(), tls, limits(deadline));
    }

    private CommandTransport transport(FakeServer server) {
        return transport(server, TlsSettings.of(clientMaterial), Duration.ofSeconds(10));
    }

    /** Answers the word with "imok" after noting the client certificate the server received. */
    private static FakeServer.Handler imok(List<String> clientNames) {
        return socket -> {
            FakeServer.readWord(socket);
            X509Certificate peer = (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
            clientNames.add(peer.getSubjectX500Principal().getName());
            socket.getOutputStream().write("imok".getBytes(StandardCharsets.US_ASCII));
        };
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void presentsTheClientCertificateFromEachStoreFormatToAServerThatRequiresOne(StoreType type) throws Exception {
        TlsMaterial material = switch (type) {
            case PKCS12 -> clientMaterial;
            case JKS -> TlsMaterial.builder()
                    .keyStore(TestPki.writeKeyStore(pki.client(), pkiDir.resolve("client.jks"), "JKS"), TestPki.PASSWORD)
                    .trustStore(pki.writeTrustStore(pkiDir.resolve("trust.jks"), "JKS"), TestPki.PASSWORD)
                    .build();
            case PEM -> TlsMaterial.builder()
                    .keyStore(TestPki.writePem(pki.client(), pkiDir.resolve("client.pem"), true), TestPki.PASSWORD)
                    .trustStore(pki.writeCaPem(pkiDir.resolve("ca.pem")), new char[0])
                    .build();
        };
        List<String> clientNames = new CopyOnWriteArrayList<>();
        try (FakeServer server = FakeServer.tls(serverContext, true, imok(clientNames));
             Reply reply = transport(server, TlsSettings.of(material), Duration.ofSeconds(10)).fetch(Command.RUOK);
             InputStream in = reply.open()) {
            assertEquals("imok", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            assertEquals(List.of("CN=zkwatch"), clientNames);
        }
    }

    @Test
    void drainsALargeReplyOverTlsByteExact() throws Exception {
        long size = 20L << 20;
        try (FakeServer server = FakeServer.tls(serverContext, true, socket -> {
            FakeServer.readWord(socket);
            TestBytes.writePattern(socket.getOutputStream(), size, 99);
        })) {
            try (Reply reply = transport(server).fetch(Command.WCHP); InputStream in = reply.open()) {
                assertEquals(size, reply.size());
                assertArrayEquals(TestBytes.patternDigest(size, 99), TestBytes.digest(in));
            }
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void failsTheHandshakeWithoutAClientCertificateWhenTheServerRequiresOne() throws Exception {
        TlsMaterial trustOnly = TlsMaterial.builder()
                .trustStore(pkiDir.resolve("trust.p12"), StoreType.PKCS12, TestPki.PASSWORD).build();
        try (FakeServer server = FakeServer.tls(serverContext, true, imok(new CopyOnWriteArrayList<>()))) {
            // With TLS 1.3 the refusal races our request (an alert on read, or a broken pipe on write): try often.
            for (int i = 0; i < 20; i++) {
                Failures.expect(FailureKind.TLS_HANDSHAKE,
                        transport(server, TlsSettings.of(trustOnly), Duration.ofSeconds(10)), Command.RUOK);
            }
        }
    }

    @Test
    void rejectsAServerSignedByAnUntrustedCa() throws Exception {
        assertRejected(strangerPki.serverContext(strangerPki.server()), "PKIX", TlsSettings.of(clientMaterial));
    }

    @Test
    void rejectsAnExpiredServerCertificate() throws Exception {
        assertRejected(pki.serverContext(pki.expiredServer()), "NotAfter", TlsSettings.of(clientMaterial));
    }

    @Test
    void rejectsACertificateForAnotherHostUnlessVerificationIsTurnedOff() throws Exception {
        SSLContext elsewhere = pki.serverContext(pki.serverFor("zk-elsewhere.example"));
        assertRejected(elsewhere, "127.0.0.1", TlsSettings.of(clientMaterial));
        TlsSettings lenient = TlsSettings.of(clientMaterial).withoutHostnameVerification();
        try (FakeServer server = FakeServer.tls(elsewhere, false, FakeServer.replyWith("imok"));
             Reply reply = transport(server, lenient, Duration.ofSeconds(10)).fetch(Command.RUOK)) {
            assertEquals(4, reply.size());
        }
    }

    /** A server presenting a certificate the client must refuse, with {@code reason} in the message. */
    private void assertRejected(SSLContext serverSide, String reason, TlsSettings tls) throws Exception {
        try (FakeServer server = FakeServer.tls(serverSide, false, FakeServer.replyWith("imok"))) {
            CollectorException e = Failures.expect(FailureKind.TLS_HANDSHAKE,
                    transport(server, tls, Duration.ofSeconds(10)), Command.RUOK);
            assertTrue(e.getMessage().contains(reason), e::getMessage);
        }
    }

    @Test
    void reportsAPlaintextServerAsATlsHandshakeFailure() throws Exception {
        try (FakeServer server = FakeServer.plain(socket -> {
            socket.getInputStream().readNBytes(4);
            socket.getOutputStream().write("imok".getBytes(StandardCharsets.US_ASCII));
        })) {
            CollectorException e = Failures.expect(FailureKind.TLS_HANDSHAKE, transport(server), Command.RUOK);
            assertTrue(e.getMessage().contains("[not_tls]"), e::getMessage);
        }
    }

    @Test
    void reportsAConnectionResetDuringTheHandshakeAsATlsFailure() throws Exception {
        // What a ZooKeeper 3.8 Netty server does to a client certificate it does not trust: it drops the
        // connection mid-handshake, and the client sees a reset or a broken pipe instead of a TLS alert.
        try (FakeServer server = FakeServer.plain(socket -> {
            socket.getInputStream().readNBytes(5);
            socket.setSoLinger(true, 0);
        })) {
            CollectorException e = Failures.expect(FailureKind.TLS_HANDSHAKE, transport(server), Command.CONS);
            assertTrue(e.getMessage().contains("during the TLS handshake"), e::getMessage);
        }
    }

    @Test
    void endsAHandshakeThatNeverCompletesAtTheDeadline() throws Exception {
        try (FakeServer server = FakeServer.plain(FakeServer::awaitClientClose)) {
            CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT,
                    transport(server, TlsSettings.of(clientMaterial), Duration.ofMillis(1500)), Command.MNTR,
                    Duration.ofMillis(1400), Duration.ofSeconds(4));
            assertTrue(e.getMessage().contains("TLS handshake"), e::getMessage);
        }
    }

    @Test
    void endsAHandshakeTrickledByteByByteAtTheDeadline() throws Exception {
        // A TLS record header announcing 16 000 bytes, then one byte every 20 ms: every read succeeds quickly,
        // so only the watchdog on the overall deadline stops the handshake.
        try (FakeServer server = FakeServer.plain(socket -> {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x3e, (byte) 0x80});
            TestBytes.trickle(socket.getOutputStream(), 1, 20);
        })) {
            Failures.expectWithin(FailureKind.TIMEOUT, transport(server, TlsSettings.of(clientMaterial),
                    Duration.ofMillis(1500)), Command.MNTR, Duration.ofMillis(1400), Duration.ofSeconds(4));
        }
    }

    @Test
    void endsATlsServerThatHandshakesButNeverAnswersAtTheDeadline() throws Exception {
        try (FakeServer server = FakeServer.tls(serverContext, true, FakeServer::awaitClientClose)) {
            CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT,
                    transport(server, TlsSettings.of(clientMaterial), Duration.ofMillis(1500)), Command.WCHS,
                    Duration.ofMillis(1400), Duration.ofSeconds(4));
            assertTrue(e.getMessage().contains("reading the reply"), e::getMessage);
        }
    }

    @Test
    void reportsATlsConnectionClosedWithoutAByteAsEmptyReply() throws Exception {
        try (FakeServer server = FakeServer.tls(serverContext, true, FakeServer::readWord)) {
            Failures.expect(FailureKind.EMPTY_REPLY, transport(server), Command.ISRO);
        }
    }

    @Test
    void reportsUnreadableTlsMaterialAsATlsFailureNamingTheFile() throws Exception {
        Path missing = pkiDir.resolve("no-such-client.p12");
        TlsMaterial broken = TlsMaterial.builder().keyStore(missing, TestPki.PASSWORD).build();
        try (FakeServer server = FakeServer.tls(serverContext, true, FakeServer.replyWith("imok"))) {
            CollectorException e = Failures.expect(FailureKind.TLS_HANDSHAKE,
                    transport(server, TlsSettings.of(broken), Duration.ofSeconds(5)), Command.RUOK);
            assertTrue(e.getMessage().contains("no-such-client.p12"), e::getMessage);
            assertTrue(e.getMessage().contains("[tls_material]"), e::getMessage);
        }
    }

    @Test
    void namesTlsInTheTargetOfItsMessages() throws Exception {
        try (FakeServer server = FakeServer.tls(serverContext, true,
                FakeServer.replyWith("mntr is not executed because it is not in the whitelist.\n"))) {
            CollectorException e = Failures.expect(FailureKind.NOT_WHITELISTED, transport(server), Command.MNTR);
            assertTrue(e.getMessage().startsWith("mntr on 127.0.0.1:" + server.port() + " (TLS): "), e::getMessage);
        }
    }
}
