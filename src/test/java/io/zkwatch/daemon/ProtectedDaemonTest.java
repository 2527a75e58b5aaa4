package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.config.ConfigLoader;
import io.zkwatch.daemon.config.ConfigSource;
import io.zkwatch.daemon.config.InlineEnsemble;
import io.zkwatch.daemon.config.WebConfig;
import io.zkwatch.daemon.config.WebOptions;
import io.zkwatch.daemon.http.HttpServer;
import io.zkwatch.harness.PemExport;
import io.zkwatch.harness.TestPki;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon started as Main starts it with {@code --web.config.file}: the web options load the file, and the
 * daemon serves HTTPS with basic auth. The ensemble is a closed port; the endpoint, not ZooKeeper, is under test.
 */
class ProtectedDaemonTest {

    @TempDir
    Path dir;

    @Test
    void theDaemonServesHttpsWithBasicAuthFromAWebConfigFile() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        PemExport.keyPair(pki, pki.serverKeyStore(), dir, "server", PemExport.KeyFormat.SEC1);
        Path webFile = dir.resolve("web.yml");
        Files.writeString(webFile, "tls_server_config: {cert_file: server.crt, key_file: server.key}\n"
                + "basic_auth_users: {alice: '$2y$10$lPiieO4gmSt/ZdnyUCBJa.maZLmcIcxC8vdI.yvFP3n9fjUCra38S'}\n");
        WebOptions options = new WebOptions(Optional.of(webFile), 3);
        WebConfig web = options.load();
        ConfigSource source = ConfigSource.fixed(ConfigLoader.fromCommandLine(
                List.of(InlineEnsemble.parse("closed=127.0.0.1:1")), Optional.empty()));
        HttpClient client = HttpClient.newBuilder().sslContext(pki.sslContext(pki.clientKeyStore(), pki.trustStore()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (Daemon daemon = new Daemon(source, Clock.systemUTC(), new Random(1))) {
            daemon.start(new InetSocketAddress("127.0.0.1", 0), new HttpServer.Protection(web, options.maxRequests()));
            URI metrics = URI.create("https://127.0.0.1:" + daemon.port() + "/metrics");
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            HttpResponse<String> alice = client.send(HttpRequest.newBuilder(metrics).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("alice:wonder land".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, alice.statusCode());
            assertTrue(alice.body().contains("zkwatch_http_unauthorized_requests_total 1.0"), alice.body());
        }
    }
}
