package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.transport.Spools;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import io.zkwatch.prom.PromTool;
import io.zkwatch.prom.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Label values as Prometheus meets them: znode names with quotes, backslashes and Unicode, created on a real
 * server, come back from a real Prometheus's query API exactly as ZooKeeper holds them; control characters, which
 * ZooKeeper never allows in a path, are refused as a typed parse failure that does not quote them.
 */
class LabelSafetyTest {

    @RegisterExtension
    static final SharedEnsembles SINGLE = new SharedEnsembles(TestEnsembles::standalone);

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final List<String> ODD = List.of(
            "/label-safety/quote\"d",
            "/label-safety/back\\slash",
            "/label-safety/not\\na-newline",
            "/label-safety/both\\\"mixed\\\\",
            "/label-safety/ünïcødé-日本語-ё",
            "/label-safety/with space,comma=eq{brace}");

    @TempDir
    Path dir;

    @Test
    void quotesBackslashesAndUnicodeRoundTripExactlyThroughARealPrometheusScrape() throws Exception {
        assumeTrue(PrometheusServer.available(), "prometheus is not installed: apt-get install prometheus");
        assumeTrue(PromTool.available(), "promtool is not installed: apt-get install prometheus");
        LocalServer zk = SINGLE.get(ZkVersions.newest()).servers().get(0);
        try (Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir.resolve("zkwatch"),
                     DaemonHarness.yaml("safety", List.of(zk), "top_n: 50"))) {
            ZooKeeper c = clients.connectPinned(zk);
            for (String path : ODD) {
                Clients.create(c, path, "x");
                Clients.watchData(c, path, e -> { });
            }
            Exposition scraped = d.await(m -> ODD.stream().allMatch(p -> m.has("zookeeper_path_watchers",
                    "ensemble", "safety", "path", p)), WAIT, "every odd path, unescaped by the test's parser");
            PromTool.Result lint = PromTool.checkMetrics(scraped.text().getBytes(StandardCharsets.UTF_8));
            assertEquals(0, lint.exitCode(), lint.output());
            assertEquals("", lint.output().strip(), lint.output());

            try (PrometheusServer prom = PrometheusServer.start(dir.resolve("prometheus"),
                    List.of("127.0.0.1:" + d.daemon().port()), List.of(), null, "")) {
                JsonNode result = prom.awaitQuery(
                        "zookeeper_path_watchers{ensemble=\"safety\",path=~\"/label-safety/.*\"}",
                        r -> r.size() == ODD.size(), WAIT);
                Set<String> paths = new TreeSet<>();
                result.forEach(r -> paths.add(r.path("metric").path("path").asText()));
                assertEquals(new TreeSet<>(ODD), paths, "label values as Prometheus stored them");
                // Each one can also be selected by an exact matcher, escaped the PromQL way.
                for (String p : ODD) {
                    String literal = p.replace("\\", "\\\\").replace("\"", "\\\"");
                    JsonNode one = prom.query("zookeeper_path_watchers{ensemble=\"safety\",path=\"" + literal + "\"}");
                    assertEquals(1, one.size(), p + ": " + one);
                    assertEquals(1.0, Double.parseDouble(one.get(0).path("value").get(1).asText()), p);
                }
                JsonNode target = prom.activeTargets().get(0);
                assertEquals("up", target.path("health").asText(), target.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "FOUR_LETTER, WCHP, 4lw/3.9.6/wchp/synthetic-unparseable-control-character.txt",
            "FOUR_LETTER, WCHC, 4lw/3.9.6/wchc/synthetic-unparseable-control-character.txt",
            "ADMIN_JSON, WCHP, admin/3.9.6/watches_by_path/synthetic-unparseable-control-character.json",
            "ADMIN_JSON, WCHC, admin/3.9.6/watches/synthetic-unparseable-control-character.json",
    })
    void aControlCharacterInAPathIsATypedFailureThatDoesNotQuoteIt(ReplyFormat format, Command command,
                                                                  String fixture) {
        byte[] bytes = FixtureEnsemble.fixtureBytes(fixture);
        for (boolean redact : new boolean[] {false, true}) {
            CollectorCatalog catalog = CollectorCatalog.create(ParseOptions.defaults().withRedactPaths(redact),
                    WatchDumpOptions.defaults());
            io.zkwatch.collectors.Collector<?> collector = command == Command.WCHP ? catalog.wchp() : catalog.wchc();
            CollectorException e = assertThrows(CollectorException.class, () -> {
                try (Reply reply = new Reply(command, format, Spools.of(bytes), Duration.ZERO)) {
                    collector.parse(reply);
                }
            });
            assertEquals(FailureKind.UNPARSEABLE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("without control characters"), e.getMessage());
            assertTrue(e.getMessage().chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f), e.getMessage());
            if (redact) {
                assertFalse(e.getMessage().contains("/odd/"), e.getMessage());
            }
        }
    }
}
