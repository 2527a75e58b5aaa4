package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.TlsOptions;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.TestPki;
import io.zkwatch.harness.ZkVersions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon over TLS against real secure-only ZooKeeper servers (Netty secure client port with
 * {@code ssl.clientAuth=need}, HTTPS-only AdminServer with {@code admin.needClientAuth}), configured by YAML as an
 * operator would: one daemon, one ensemble per case. Each case asserts {@code zkwatch_up} and, for failures, the
 * cause code in the reason the API and the log show ({@code [hostname_mismatch]} and so on, docs/security.md).
 *
 * <p>The expired server certificate is served by an in-test TLS listener: a ZooKeeper server with an expired
 * certificate cannot pass the harness's own readiness probe, and the handshake fails before any ZooKeeper byte.
 */
class DaemonTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZATION = "digest zkwatch:" + UUID.randomUUID();

    private static Path dir;
    private static TestPki pki;
    private static LocalEnsemble named;
    private static LocalEnsemble localhostOnly;
    private static final List<AutoCloseable> closers = new ArrayList<>();
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();
    private static Path password;
    private static LocalServer s1;
    private static LocalServer s2;
    private DaemonHarness daemon;

    @BeforeAll
    static void startServersAndDaemon() throws Exception {
        dir = Files.createDirectories(TestEnsembles.workDirectory().resolve("daemon-tls-" + UUID.randomUUID()));
        pki = TestPki.create(dir.resolve("pki"));
        TlsOptions secure = TlsOptions.of(pki.serverKeyStore(), pki.trustStore(), pki.password(),
                pki.clientKeyStore()).withAdmin(TlsOptions.AdminTransport.HTTPS);
        named = TestEnsembles.standalone(ZkVersions.newest()).tls(secure).secureOnly().start();
        closers.add(named);
        localhostOnly = TestEnsembles.standalone(ZkVersions.newest())
                .tls(TlsOptions.of(pki.localhostServerKeyStore(), pki.trustStore(), pki.password(),
                        pki.clientKeyStore())).secureOnly().start();
        closers.add(localhostOnly);

        Path password = dir.resolve("password");
        Files.writeString(password, pki.password());

        DaemonTlsTest.password = password;
        s1 = named.servers().get(0);
        s2 = localhostOnly.servers().get(0);
    }

    @org.junit.jupiter.api.AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).close();
        }
    }

    @Test
    void aClientCertificateFromTheServersCaGetsTheMemberUp() throws Exception {
        start("good", secure(s1), good());
        awaitUp("good");
    }

    @Test
    void withoutAClientCertificateTheMemberIsDownBecauseTheServerRejectedIt() throws Exception {
        start("no-cert", secure(s1), tls(null, pki.trustStore(), true));
        assertDown("no-cert", "client_certificate_rejected");
    }

    @Test
    void aTrustStoreWithoutTheServersCaKeepsTheMemberDownAsUntrusted() throws Exception {
        start("other-ca", secure(s1), tls(pki.clientKeyStore(), pki.foreignTrustStore(), true));
        String message = assertDown("other-ca", "server_certificate_untrusted");
        assertTrue(message.contains("PKIX"), message);
    }

    @Test
    void hostNameVerificationIsOnByDefaultAndCanBeTurnedOff() throws Exception {
        start("wrong-name", secure(s2), good());
        String message = assertDown("wrong-name", "hostname_mismatch");
        assertTrue(message.contains("host name verification failed"), message);
        assertTrue(message.contains("127.0.0.1"), message);
        stopDaemon();
        start("wrong-name-unverified", secure(s2), tls(pki.clientKeyStore(), pki.trustStore(), false));
        awaitUp("wrong-name-unverified");
    }

    @Test
    void anExpiredServerCertificateKeepsTheMemberDownAsExpired() throws Exception {
        start("expired", expiredServer(), good());
        String message = assertDown("expired", "server_certificate_expired");
        assertTrue(message.contains("expired"), message);
    }

    @Test
    void anExpiredClientCertificateKeepsTheMemberDownAsRefusedForExpiry() throws Exception {
        start("expired-client", secure(s1), tls(pki.expiredClientKeyStore(), pki.trustStore(), true));
        assertDown("expired-client", "client_certificate_expired");
    }

    @Test
    void aTlsMemberListedByItsPlainClientPortIsDownAsNotTls() throws Exception {
        try (LocalEnsemble plain = TestEnsembles.standalone(ZkVersions.newest()).start()) {
            start("plain-port", DaemonHarness.address(plain.servers().get(0)), good());
            assertDown("plain-port", "not_tls");
        }
    }

    @Test
    void theHttpsAdminServerAnswersWithAClientCertificateAndRefusesWithoutOne() throws Exception {
        String https = "source: admin\nadmin: { scheme: https, port: " + s1.adminPort() + " }\n";
        start("admin-https", secure(s1), good() + https);
        awaitUp("admin-https");
        stopDaemon();
        start("admin-https-no-cert", secure(s1), tls(null, pki.trustStore(), true) + https);
        assertDown("admin-https-no-cert", "client_certificate_rejected");
    }

    @Test
    void theAuthorizationFileIsSentAsTheAuthorizationHeaderAndNeverShown() throws Exception {
        Path authorizationFile = dir.resolve("admin-auth");
        Files.writeString(authorizationFile, AUTHORIZATION + "\n");
        start("admin-authorization", "127.0.0.1:" + closedPort(), "source: admin\nadmin: { port: "
                + capturingAdminServer() + ", authorization_file: \"" + authorizationFile + "\" }\n");
        Instant end = Instant.now().plus(WAIT);
        while (authorizations.isEmpty() && Instant.now().isBefore(end)) {
            Thread.sleep(100);
        }
        assertFalse(authorizations.isEmpty(), "the AdminServer never got a request");
        assertEquals(List.of(AUTHORIZATION), authorizations.stream().distinct().toList());
        assertFalse(daemon.metrics().contains(AUTHORIZATION));
        assertFalse(daemon.get("/api/v1/ensembles/admin-authorization").body().contains(AUTHORIZATION));
    }

    @Test
    void aKeyStoreReplacedOnDiskIsUsedWithoutARestart() throws Exception {
        Path keyStore = dir.resolve("rotating-client.p12");
        Files.copy(pki.foreignClientKeyStore(), keyStore, StandardCopyOption.REPLACE_EXISTING);
        start("rotated-key", secure(s1), tls(keyStore, pki.trustStore(), true));
        assertDown("rotated-key", "client_certificate_rejected");
        replace(pki.clientKeyStore(), keyStore);
        awaitUp("rotated-key");
    }

    @Test
    void aTrustStoreReplacedOnDiskIsUsedWithoutARestart() throws Exception {
        Path trustStore = dir.resolve("rotating-trust.p12");
        Files.copy(pki.foreignTrustStore(), trustStore, StandardCopyOption.REPLACE_EXISTING);
        start("rotated-trust", secure(s1), tls(pki.clientKeyStore(), trustStore, true));
        assertDown("rotated-trust", "server_certificate_untrusted");
        replace(pki.trustStore(), trustStore);
        awaitUp("rotated-trust");
    }

    /** A daemon with one ensemble of one member, configured as an operator would. */
    private void start(String ensemble, String member, String settings) throws IOException {
        daemon = DaemonHarness.start(dir.resolve("daemon-" + ensemble),
                "ensembles:\n" + DaemonHarness.ensemble(ensemble, List.of(member), settings));
    }

    // ---- helpers ----

    /** The client certificate from the test CA, trusting the test CA, host name verification on. */
    private static String good() {
        return tls(pki.clientKeyStore(), pki.trustStore(), true);
    }

    private static String tls(Path keyStore, Path trustStore, boolean verify) {
        StringBuilder b = new StringBuilder("tls:\n");
        if (keyStore != null) {
            b.append("  keystore: \"").append(keyStore).append("\"\n");
            b.append("  keystore_password_file: \"").append(password).append("\"\n");
        }
        b.append("  truststore: \"").append(trustStore).append("\"\n");
        b.append("  truststore_password_file: \"").append(password).append("\"\n");
        if (!verify) {
            b.append("  hostname_verification: false\n");
        }
        return b.toString();
    }

    private static String secure(LocalServer s) {
        return "127.0.0.1:" + s.securePort();
    }

    /** A TLS listener presenting the test CA's expired server certificate; handshakes fail, nothing else. */
    private static String expiredServer() throws IOException {
        SSLServerSocket listener = (SSLServerSocket) pki.sslContext(pki.expiredServerKeyStore(), pki.trustStore())
                .getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closers.add(listener);
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                } catch (IOException e) {
                    // every handshake fails: the client refuses the certificate
                }
            }
        }, "expired-tls-server");
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** An AdminServer stand-in that records the Authorization header of every request and answers 404. */
    private static int capturingAdminServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            String value = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(value == null ? "(none)" : value);
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        closers.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Replaces a store by writing a copy next to it and moving it over, as a certificate rotation would. */
    private static void replace(Path source, Path target) throws IOException {
        Path fresh = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(source, fresh, StandardCopyOption.REPLACE_EXISTING);
        Files.move(fresh, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitUp(String ensemble) throws Exception {
        daemon.await(m -> m.value("zkwatch_up", "ensemble", ensemble).orElse(0) == 1, WAIT, ensemble + " up");
    }

    /**
     * Waits until the ensemble's only member is down with reason tls_handshake and {@code [code]} in mntr's
     * message, then returns that message.
     */
    private String assertDown(String ensemble, String code) throws Exception {
        daemon.await(m -> m.value("zkwatch_up", "ensemble", ensemble).orElse(1) == 0
                && m.value("zkwatch_collector_failure", "ensemble", ensemble, "collector", "mntr",
                "reason", "tls_handshake").orElse(0) == 1, WAIT, ensemble + " down with reason tls_handshake");
        Instant end = Instant.now().plus(WAIT);
        String message = "";
        while (Instant.now().isBefore(end)) {
            JsonNode e = JSON.readTree(daemon.get("/api/v1/ensembles/" + ensemble).body());
            message = e.path("members").path(0).path("commands").path("mntr").path("message").asText();
            if (message.contains("[" + code + "]")) {
                return message;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(ensemble + ": mntr's message never named [" + code + "]; last: " + message);
    }
}
