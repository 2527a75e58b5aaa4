package io.zkwatch.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Clock;
import io.zkwatch.daemon.config.WebConfig;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.harness.PemExport;
import io.zkwatch.harness.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients of TLS 1.1 and 1.0 are refused by zkwatch's endpoint. The client runs in a child JVM whose JSSE may still
 * offer those protocols ({@link OldTlsClient}); a control run against its own TLS 1.1 server shows it really
 * speaks 1.1, so the refusal is the endpoint's doing and not the client's.
 */
class TlsFloorTest {

    /** The JDK 17 default list without TLSv1 and TLSv1.1. */
    private static final String OLD_PROTOCOLS_ALLOWED = "jdk.tls.disabledAlgorithms=SSLv3, DTLSv1.0, RC4, DES, "
            + "MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n";

    @TempDir
    Path dir;

    private String run(Path security, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:TieredStopAtLevel=1", "-Djava.security.properties=" + security,
                "-cp", System.getProperty("java.class.path"), OldTlsClient.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the TLS client child JVM did not finish within 60 s");
            }
        } finally {
            p.destroyForcibly();
        }
        return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    @Test
    void tls11And10ClientsAreRefusedWhileTheSameClientGetsTls12() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        PemExport.Pair pem = PemExport.keyPair(pki, pki.serverKeyStore(), dir, "server", PemExport.KeyFormat.PKCS8);
        Path security = dir.resolve("old-tls.security");
        Files.writeString(security, OLD_PROTOCOLS_ALLOWED);

        assertEquals("negotiated TLSv1.1", run(security, "control", pki.serverKeyStore().toString(), pki.password(),
                "TLSv1.1"), "the child JVM's client must be able to speak TLS 1.1 for this test to mean anything");

        WebConfig web = new WebConfig(Optional.of(new WebConfig.TlsServer(pem.certFile(), pem.keyFile(),
                WebConfig.ClientAuth.NO_CLIENT_CERT, Optional.empty(), WebConfig.TlsVersion.TLS12,
                WebConfig.TlsVersion.TLS13)), Map.of());
        try (MetricsRegistry metrics = MetricsRegistry.withoutJvmMetrics(Clock.SYSTEM);
             HttpServer server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                     new HttpServer.Protection(web, 40), metrics,
                     new ApiHandlers(new SnapshotStore(), e -> LabelPolicy.raw(), java.time.Clock.systemUTC(),
                             List.of()), () -> true, () -> new HttpServer.ReloadResult(true, List.of()))) {
            String port = Integer.toString(server.port());
            String tls11 = run(security, "connect", port, "TLSv1.1");
            assertTrue(tls11.startsWith("refused "), tls11);
            String tls10 = run(security, "connect", port, "TLSv1");
            assertTrue(tls10.startsWith("refused "), tls10);
            assertEquals("negotiated TLSv1.2", run(security, "connect", port, "TLSv1.2"));
        }
    }
}
