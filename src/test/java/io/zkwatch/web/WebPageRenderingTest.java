package io.zkwatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Clock;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.http.ApiHandlers;
import io.zkwatch.daemon.http.HttpServer;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.web.WebUi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's own behaviour, against zkwatch's real HTTP server and API over a snapshot built in the test (no
 * ZooKeeper needed): escaping of the server-rendered view, what is served from where, how findings and a daemon
 * that stops answering are shown. The end-to-end view of a live ensemble is {@link WebPageBrowserTest}.
 */
class WebPageRenderingTest {

    /** A member name no configuration would allow, to prove the server-rendered view escapes everything. */
    static final String HOSTILE_SERVER = "<script>window.__xss=1</script>\"'&:2181";

    /** What a findings API could answer: the page must show the explanation, and link only a safe runbook. */
    static final String FINDINGS = """
            {"findings": [
              {"ensemble": "e1", "finding": "connection_skew", "server": "zk1:2181", "subject": "zk1:2181",
               "severity": "warning", "explanation": "zk1 holds 80% of the <b>connections</b>",
               "runbook_url": "https://runbooks.example/zkwatch#connection_skew"},
              {"ensemble": "e1", "finding": "orphaned_watches", "server": "zk2:2181", "subject": "0x1",
               "explanation": "watches of a closed session", "runbook_url": "javascript:window.__xss=2"},
              {"ensemble": "other", "finding": "not_mine", "explanation": "belongs to another ensemble"}
            ]}""";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private HttpServer serve(SnapshotStore store, List<ApiHandlers.ExtraRoute> extra) {
        java.time.Clock clock = java.time.Clock.systemUTC();
        MetricsRegistry metrics = MetricsRegistry.create(Clock.SYSTEM);
        open.add(metrics);
        List<ApiHandlers.ExtraRoute> routes = new ArrayList<>(extra);
        routes.add(new ApiHandlers.ExtraRoute("/", WebUi.page(store, clock)));
        HttpServer server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0), metrics,
                new ApiHandlers(store, e -> LabelPolicy.raw(), clock, routes), () -> true,
                () -> new HttpServer.ReloadResult(true, List.of()));
        open.add(server);
        return server;
    }

    private static SnapshotStore storeWith(String ensemble, String... servers) {
        SnapshotStore store = new SnapshotStore();
        Instant now = Instant.now();
        store.register(ensemble, now);
        for (String s : servers) {
            store.update(ensemble, snap -> snap.withMember(s, m -> m, MemberOrigin.CONFIGURED, now));
        }
        return store;
    }

    private HttpResponse<String> get(HttpServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serverRenderedViewEscapesEverythingAndLoadsOnlyItsOwnScriptAndStyle() throws Exception {
        HttpServer server = serve(storeWith("e1", HOSTILE_SERVER, "zk2:2181"), List.of());
        HttpResponse<String> page = get(server, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"), page.headers()
                .toString());
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
        String html = page.body();
        assertTrue(html.contains("<td>&lt;script&gt;window.__xss=1&lt;/script&gt;&quot;&#39;&amp;:2181</td>"), html);
        assertFalse(html.contains("<script>window"), html);
        assertTrue(html.contains("data-ensemble=\"e1\""), html);
        assertTrue(html.contains("<td>not polled yet</td>"), html);

        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        List<String> assets = new ArrayList<>();
        while (refs.find()) {
            assets.add(refs.group(1));
        }
        assertTrue(assets.containsAll(List.of("/ui/app.js", "/ui/app.css")), assets.toString());
        for (String a : assets) {
            assertTrue(a.startsWith("/"), "only this daemon's own resources, nothing from a CDN: " + a);
        }
        HttpResponse<String> js = get(server, "/ui/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("content-type").orElse("").contains("javascript"), js.headers().toString());
        assertTrue(js.body().contains("/api/v1/ensembles"));
        HttpResponse<String> css = get(server, "/ui/app.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"));
    }

    @Test
    void staticFilesComeOnlyFromTheirOwnClasspathFolder() throws Exception {
        HttpServer server = serve(storeWith("e1", "zk1:2181"), List.of());
        assertEquals(404, get(server, "/ui/missing.js").statusCode());
        assertEquals(404, get(server, "/ui/WebUi.class").statusCode(), "the folder above static/ is not served");
        assertEquals(404, get(server, "/ui/%2e%2e/WebUi.class").statusCode());
    }

    @Test
    void showsFindingsWithTheirExplanationAndLinksOnlySafeRunbooks() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed: " + HeadlessChromium.binary());
        HttpServer server = serve(storeWith("e1", "zk1:2181", "zk2:2181"), List.of(new ApiHandlers.ExtraRoute(
                "/api/v1/findings", ctx -> ctx.contentType("application/json").result(FINDINGS))));
        try (HeadlessChromium browser = HeadlessChromium.start(dir, 1024, 800)) {
            browser.navigate(URI.create("http://127.0.0.1:" + server.port() + "/?refresh=1"));
            browser.awaitTrue("document.body.dataset.updates >= 1", Duration.ofSeconds(30),
                    "document.getElementById('status').textContent");
            JsonNode items = browser.evaluate("[...document.querySelectorAll('li.finding')].map(li => ({"
                    + "text: li.textContent, links: [...li.querySelectorAll('a')].map(a => a.href)}))");
            assertEquals(2, items.size(), "only this ensemble's findings: " + items);
            assertTrue(items.get(0).path("text").asText().startsWith("connection_skew zk1:2181 · zk1:2181"),
                    items.toString());
            assertTrue(items.get(0).path("text").asText().contains("zk1 holds 80% of the <b>connections</b>"),
                    "the explanation is shown as text: " + items);
            assertEquals("https://runbooks.example/zkwatch#connection_skew", items.get(0).path("links").get(0)
                    .asText());
            assertEquals(0, items.get(1).path("links").size(), "a javascript: runbook is not made a link");
            assertTrue(browser.evaluate("window.__xss === undefined && document.querySelectorAll('li.finding b')"
                    + ".length === 0").asBoolean());
        }
    }

    @Test
    void keepsTheLastViewAndSaysSoWhenTheDaemonStopsAnswering() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed: " + HeadlessChromium.binary());
        HttpServer server = serve(storeWith("e1", "zk1:2181"), List.of());
        try (HeadlessChromium browser = HeadlessChromium.start(dir, 1024, 800)) {
            browser.navigate(URI.create("http://127.0.0.1:" + server.port() + "/?refresh=1"));
            browser.awaitTrue("document.body.dataset.updates >= 1", Duration.ofSeconds(30),
                    "document.getElementById('status').textContent");
            assertTrue(browser.evaluate("document.querySelector('[data-part=findings]').textContent").asText()
                    .contains("Findings are not available from this zkwatch"), "a 404 from /api/v1/findings");
            server.close();
            browser.awaitTrue("document.getElementById('status').textContent.startsWith('Cannot read from zkwatch')",
                    Duration.ofSeconds(30), "document.getElementById('status').textContent");
            assertTrue(browser.evaluate("document.getElementById('status').textContent").asText()
                    .contains("Showing data from"));
            assertEquals("zk1:2181", browser.evaluate("document.querySelector('table.members td').textContent")
                    .asText(), "the last view stays on screen");
        }
    }
}
