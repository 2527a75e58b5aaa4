package io.zkwatch.harness;

import static io.zkwatch.harness.Probes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.LocalServer.Mode;
import io.zkwatch.daemon.localzk.TlsOptions.AdminTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A secure-only standalone server per version: Netty, TLS with required client certificates, no plain
 * client port, and an HTTPS-only AdminServer.
 */
class SecureServerTest {

    private static final Duration SHORT = Duration.ofSeconds(3);

    private static final TestPki PKI = TestPki.create(TestEnsembles.workDirectory().resolve("pki-" + UUID.randomUUID()));

    @RegisterExtension
    static final SharedEnsembles SECURE = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .tls(PKI.serverOptions().withAdmin(AdminTransport.HTTPS)).secureOnly());

    @TestFactory
    Stream<DynamicNode> secureOnlyServer() {
        return ZkVersions.all().map(v -> dynamicContainer("ZooKeeper " + v, Stream.of(
                dynamicTest("has a secure client port and no plain one", () -> secureOnly(v)),
                dynamicTest("a JSSE client with the client certificate gets imok", () -> ruokOverTls(v)),
                dynamicTest("the ZooKeeper client connects over TLS", () -> zooKeeperClientOverTls(v)),
                dynamicTest("a client certificate from an unrelated CA gets no answer", () -> foreignRefused(v)),
                dynamicTest("an expired client certificate gets no answer", () -> expiredRefused(v)),
                dynamicTest("plaintext on the secure port gets no answer", () -> plaintextIgnored(v)),
                dynamicTest("AdminServer answers ruok over HTTPS and not over HTTP", () -> adminHttpsOnly(v)))));
    }

    private static LocalServer server(String version) {
        return SECURE.get(version).servers().get(0);
    }

    private void secureOnly(String version) {
        LocalServer server = server(version);
        assertFalse(server.hasClientPort());
        assertThrows(IllegalStateException.class, server::clientPort);
        assertEquals("127.0.0.1:" + server.securePort(), server.connectString());
        assertEquals(Mode.STANDALONE, server.mode(), "the harness itself probes over TLS");
    }

    private void ruokOverTls(String version) throws IOException {
        byte[] reply = Probes.fourLetterWordTls(server(version).securePort(), "ruok", PKI.clientContext(), SHORT);
        assertEquals("imok", text(reply));
    }

    private void zooKeeperClientOverTls(String version) throws Exception {
        try (Clients clients = new Clients()) {
            ZooKeeper zk = clients.connectTls(server(version).connectString(), PKI);
            Clients.create(zk, "/harness/tls", "over-tls");
            assertEquals("over-tls", new String(zk.getData("/harness/tls", false, null), StandardCharsets.UTF_8));
        }
    }

    private void foreignRefused(String version) {
        assertNoImok(server(version).securePort(), PKI.sslContext(PKI.foreignClientKeyStore(), PKI.trustStore()));
    }

    private void expiredRefused(String version) {
        assertNoImok(server(version).securePort(), PKI.sslContext(PKI.expiredClientKeyStore(), PKI.trustStore()));
    }

    private void plaintextIgnored(String version) {
        String reply;
        try {
            reply = text(Probes.fourLetterWord(server(version).securePort(), "ruok", SHORT));
        } catch (IOException noAnswer) {
            reply = noAnswer.toString();
        }
        assertNotEquals("imok", reply);
    }

    private void adminHttpsOnly(String version) throws Exception {
        LocalServer server = server(version);
        URI https = server.adminUri("ruok");
        assertEquals("https", https.getScheme());
        HttpResponse<byte[]> response = Probes.get(https, Optional.of(PKI.clientContext()), SHORT);
        assertEquals(200, response.statusCode());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("\"command\" : \"ruok\""));
        URI http = URI.create(https.toString().replaceFirst("^https:", "http:"));
        int status;
        try {
            status = Probes.get(http, Optional.empty(), SHORT).statusCode();
        } catch (IOException refused) {
            status = -1;
        }
        assertNotEquals(200, status, "an HTTPS-only AdminServer must not serve plain HTTP");
    }

    /** The handshake fails, the server closes, or it answers something else: anything but {@code imok}. */
    private static void assertNoImok(int port, SSLContext context) {
        String reply;
        try {
            reply = text(Probes.fourLetterWordTls(port, "ruok", context, SHORT));
        } catch (IOException refused) {
            reply = refused.toString();
        }
        assertNotEquals("imok", reply);
    }
}
