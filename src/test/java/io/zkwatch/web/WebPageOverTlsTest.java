package io.zkwatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Clock;
import io.zkwatch.daemon.config.WebConfig;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.http.ApiHandlers;
import io.zkwatch.daemon.http.HttpServer;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.web.WebUi;
import io.zkwatch.harness.PemExport;
import io.zkwatch.harness.TestPki;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in page behind TLS and basic auth, in a real headless Chromium: with credentials the page loads over
 * HTTPS and its script's own API calls update it; the same browser without them gets 401 from the API.
 */
class WebPageOverTlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code htpasswd -nbBC 10 alice 'wonder land'}. */
    private static final String ALICE = "$2y$10$lPiieO4gmSt/ZdnyUCBJa.maZLmcIcxC8vdI.yvFP3n9fjUCra38S";

    @TempDir
    Path dir;

    @Test
    void thePageWorksOverHttpsWithBasicAuthAndNotWithout() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed: " + HeadlessChromium.binary());
        TestPki pki = TestPki.create(dir.resolve("pki"));
        PemExport.Pair pem = PemExport.keyPair(pki, pki.serverKeyStore(), dir, "server", PemExport.KeyFormat.PKCS8);
        WebConfig web = new WebConfig(Optional.of(new WebConfig.TlsServer(pem.certFile(), pem.keyFile(),
                WebConfig.ClientAuth.NO_CLIENT_CERT, Optional.empty(), WebConfig.TlsVersion.TLS12,
                WebConfig.TlsVersion.TLS13)), Map.of("alice", ALICE));
        SnapshotStore store = new SnapshotStore();
        Instant now = Instant.now();
        store.register("tls", now);
        store.update("tls", snap -> snap.withMember("zk1:2181", m -> m, MemberOrigin.CONFIGURED, now));
        java.time.Clock clock = java.time.Clock.systemUTC();
        try (MetricsRegistry metrics = MetricsRegistry.withoutJvmMetrics(Clock.SYSTEM);
             HttpServer server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                     new HttpServer.Protection(web, 40), metrics,
                     new ApiHandlers(store, e -> LabelPolicy.raw(), clock,
                             List.of(new ApiHandlers.ExtraRoute("/", WebUi.page(store, clock)))),
                     () -> true, () -> new HttpServer.ReloadResult(true, List.of()));
             HeadlessChromium browser = HeadlessChromium.start(dir.resolve("chromium"), 1024, 768)) {
            URI page = URI.create("https://127.0.0.1:" + server.port() + "/?refresh=1");
            // The test CA is not in Chromium's store; trusting it is not what this test is about.
            browser.call("Security.setIgnoreCertificateErrors", JSON.createObjectNode().put("ignore", true));

            browser.call("Network.enable", JSON.createObjectNode());
            ObjectNode headers = JSON.createObjectNode().put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("alice:wonder land".getBytes(StandardCharsets.UTF_8)));
            ObjectNode params = JSON.createObjectNode();
            params.set("headers", headers);
            browser.call("Network.setExtraHTTPHeaders", params);
            browser.navigate(page);
            browser.awaitTrue("document.querySelector('section[data-ensemble=\"tls\"]') !== null "
                    + "&& Number(document.body.dataset.updates) >= 2", Duration.ofSeconds(30),
                    "document.body.dataset.updates");
            assertEquals("https:", browser.evaluate("location.protocol").asText());
            assertTrue(browser.evaluate("document.styleSheets.length >= 1").asBoolean(),
                    "the stylesheet under /ui loaded through the same credentials");

            // credentials: 'omit', or Chromium would hold the request for a login prompt headless mode never shows.
            params.set("headers", JSON.createObjectNode());
            browser.call("Network.setExtraHTTPHeaders", params);
            String anonymous = "fetch('/api/v1/ensembles', {cache: 'no-store', credentials: 'omit'})";
            assertEquals(401, browser.evaluate(anonymous + ".then(r => r.status)").asInt(),
                    "the same browser without the credentials is refused");
            assertEquals("Basic realm=\"zkwatch\"",
                    browser.evaluate(anonymous + ".then(r => r.headers.get('WWW-Authenticate'))").asText());
        }
    }
}
