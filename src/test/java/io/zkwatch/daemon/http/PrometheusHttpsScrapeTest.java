package io.zkwatch.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Clock;
import io.zkwatch.daemon.config.WebConfig;
import io.zkwatch.daemon.config.WebConfigReader;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.harness.PemExport;
import io.zkwatch.harness.TestPki;
import io.zkwatch.prom.PrometheusServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes zkwatch's endpoint over HTTPS with basic auth, configured the way an
 * operator would: a web configuration file read by {@link WebConfigReader}, and a scrape config with
 * {@code scheme: https}, {@code tls_config.ca_file} and {@code basic_auth}.
 */
class PrometheusHttpsScrapeTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private static String scrapeConfig(Path ca, String password) {
        return "scheme: https\n"
                + "tls_config:\n  ca_file: '" + ca + "'\n"
                + "basic_auth:\n  username: alice\n  password: '" + password + "'\n";
    }

    /** Polls Prometheus's targets until the only one has {@code health}; returns it. */
    private static JsonNode awaitHealth(PrometheusServer prom, String health) throws Exception {
        Instant end = Instant.now().plus(WAIT);
        List<JsonNode> targets = List.of();
        while (Instant.now().isBefore(end)) {
            targets = prom.activeTargets();
            if (targets.size() == 1 && targets.get(0).path("health").asText().equals(health)) {
                return targets.get(0);
            }
            Thread.sleep(250); // polling Prometheus's view, not synchronising with it
        }
        throw new AssertionError("the target never became " + health + ": " + targets);
    }

    @Test
    void prometheusScrapesOverHttpsWithBasicAuthAndReportsAWrongPasswordAs401() throws Exception {
        assumeTrue(PrometheusServer.available(), "prometheus is not installed: apt-get install prometheus");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        PemExport.keyPair(pki, pki.serverKeyStore(), dir, "server", PemExport.KeyFormat.PKCS8);
        Path ca = PemExport.certificate(pki.caCertificate(), dir, "ca");
        Path webFile = dir.resolve("web.yml");
        Files.writeString(webFile, """
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                basic_auth_users:
                  alice: '%s'
                """.formatted(BasicAuthTest.ALICE));
        WebConfig web = WebConfigReader.load(webFile);

        try (MetricsRegistry metrics = MetricsRegistry.withoutJvmMetrics(Clock.SYSTEM);
             HttpServer zkwatch = HttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                     new HttpServer.Protection(web, 40), metrics,
                     new ApiHandlers(new SnapshotStore(), e -> LabelPolicy.raw(), java.time.Clock.systemUTC(),
                             List.of()), () -> true, () -> new HttpServer.ReloadResult(true, List.of()))) {
            List<String> target = List.of("127.0.0.1:" + zkwatch.port());
            try (PrometheusServer prom = PrometheusServer.start(dir.resolve("prom-good"), target, List.of(), null,
                    scrapeConfig(ca, "wonder land"))) {
                JsonNode up = awaitHealth(prom, "up");
                assertEquals("", up.path("lastError").asText());
                assertTrue(up.path("scrapeUrl").asText().startsWith("https://"), up.toString());
                prom.awaitQuery("zkwatch_http_scrapes_rejected_total{job=\"zkwatch\"}", r -> r.size() == 1, WAIT);
            }
            try (PrometheusServer prom = PrometheusServer.start(dir.resolve("prom-wrong"), target, List.of(), null,
                    scrapeConfig(ca, "wonder lan"))) {
                JsonNode down = awaitHealth(prom, "down");
                assertTrue(down.path("lastError").asText().contains("401"), down.toString());
            }
            assertTrue(metrics.meters().get("zkwatch.http.unauthorized.requests").counter().count() >= 1);
        }
    }
}
