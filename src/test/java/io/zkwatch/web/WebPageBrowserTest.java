package io.zkwatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /} as an operator sees it: headless Chromium loads it from a daemon watching a real 3-node
 * ensemble with a skewed client population and a leaking client, lets its script run, and the test reads the
 * rendered DOM. A screenshot is kept under {@code target/} for a human to look at.
 */
class WebPageBrowserTest {

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    static final Path SCREENSHOT = Path.of("target", "web-page.png");

    @TempDir
    Path dir;

    @Test
    void showsTheSkewAndNamesTheLeakingClientHostAfterTheScriptRan() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is not installed: " + HeadlessChromium.binary());
        LocalEnsemble zk = QUORUM.get("3.9.5");
        try (Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir.resolve("zkwatch"), DaemonHarness.yaml("web", zk, ""))) {
            SkewedPopulation population = SkewedPopulation.create(clients, zk);
            String hot = "127.0.0.1:" + population.hot().clientPort();
            d.awaitMetrics(m -> population.fullyVisible(m, "web"), Duration.ofSeconds(60), "the whole population");
            try (HeadlessChromium browser = HeadlessChromium.start(dir.resolve("chromium"), 1280, 1600)) {
                browser.navigate(d.uri("/?refresh=1"));
                browser.awaitTrue("document.body.dataset.updates >= 1 && document.querySelectorAll("
                                + "'section[data-ensemble=\"web\"] table.paths code').length > 0",
                        Duration.ofSeconds(30), "document.body.innerText");

                // The skew: the member the population is pinned to is called out, and its bar is the longest.
                String skewLines = "[...document.querySelectorAll('.skew-line.skewed')].map(e => e.textContent)";
                browser.awaitTrue(skewLines + ".some(t => t.startsWith('Skewed connections: " + hot + " holds'))",
                        Duration.ofSeconds(30), skewLines);
                assertTrue(browser.evaluate(skewLines + ".some(t => t.startsWith('Skewed watches: " + hot
                        + " holds'))").asBoolean(), browser.evaluate(skewLines).toString());
                JsonNode shares = browser.evaluate("Object.fromEntries([...document.querySelectorAll("
                        + "'svg.chart g.member')].map(g => [g.dataset.server, "
                        + "Number(g.querySelector('rect.conn').dataset.share)]))");
                assertEquals(3, shares.size(), shares.toString());
                double hotShare = shares.get(hot).asDouble();
                shares.fields().forEachRemaining(e -> assertTrue(e.getKey().equals(hot)
                        || e.getValue().asDouble() < hotShare, shares.toString()));
                assertTrue(hotShare > 0.5, "the pinned member holds most connections: " + shares);

                // The leaking client is named as the host with the most connections.
                browser.awaitTrue("document.querySelector('section[data-ensemble=\"web\"] .top-client')"
                        + ".dataset.client === '" + SkewedPopulation.LEAKING_HOST + "'",
                        Duration.ofSeconds(30), "document.querySelector('.top-client').textContent");
                String topClient = browser.evaluate("document.querySelector('.top-client').textContent").asText();
                assertTrue(topClient.startsWith("Most connections: " + SkewedPopulation.LEAKING_HOST + " with "
                        + SkewedPopulation.LEAKED_SESSIONS + " of "), topClient);
                assertTrue(topClient.endsWith("on 3 member(s)."), topClient);
                assertEquals(SkewedPopulation.LEAKED_SESSIONS, browser.evaluate("Number(document.querySelector("
                        + "'table.clients tbody tr').children[1].textContent)").asInt());

                // Sessions carry their client host; the biggest watcher is one of the skewed hosts.
                String firstSession = "[...document.querySelector('table.sessions tbody tr').children]"
                        + ".map(td => td.textContent)";
                JsonNode row = browser.evaluate(firstSession);
                assertTrue(row.get(1).asText().startsWith("127.0.0."), row.toString());
                assertEquals(hot, row.get(2).asText(), row.toString());
                assertEquals(8, row.get(3).asInt(), "at most 3 + 4 getData watches and one exists watch: " + row);

                // Odd paths show as text, exactly; nothing in them ran or became an element.
                java.util.Set<String> shownPaths = new java.util.HashSet<>();
                browser.evaluate("[...document.querySelectorAll('table.paths code')].map(e => e.textContent)")
                        .forEach(p -> shownPaths.add(p.asText()));
                for (String odd : SkewedPopulation.ODD_PATHS) {
                    assertTrue(shownPaths.contains(odd), odd + " in " + shownPaths);
                }
                assertTrue(browser.evaluate("window.__xss === undefined && document.images.length === 0")
                        .asBoolean(), "markup in a path must never become an element");

                // Findings: rendered from /api/v1/findings where it exists, a plain note where it does not.
                String findings = browser.evaluate("document.querySelector('section[data-ensemble=\"web\"] "
                        + "[data-part=findings]').textContent").asText();
                if (d.get("/api/v1/findings").statusCode() == 404) {
                    assertTrue(findings.contains("Findings are not available from this zkwatch"), findings);
                } else {
                    assertTrue(findings.contains("No active findings") || findings.contains("Runbook"), findings);
                }

                // It refreshes in place: a new host appears, and the page was not reloaded to show it.
                String hosts = "parseInt(document.querySelector('section[data-ensemble=\"web\"] "
                        + "[data-part=clients] .meta').textContent)";
                int before = browser.evaluate(hosts).asInt();
                assertEquals(SkewedPopulation.SKEWED_SESSIONS + 1, before, "skewed hosts and the leaking host");
                browser.evaluate("window.__sameDocument = 'yes'");
                clients.connectFrom("127.0.0.200", population.hot());
                browser.awaitTrue(hosts + " === " + (before + 1), Duration.ofSeconds(30), hosts);
                assertEquals("yes", browser.evaluate("window.__sameDocument").asText());

                browser.screenshot(SCREENSHOT);
                assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot with something on it");
            }
        }
    }
}
