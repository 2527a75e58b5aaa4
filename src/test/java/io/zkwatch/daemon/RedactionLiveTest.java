package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import io.zkwatch.prom.PromTool;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Redaction end to end: a real ZooKeeper server, clients on distinct loopback hosts watching a path whose name
 * carries a tenant, findings that name those hosts and paths, and every output zkwatch has (metrics, each API
 * route, the web page and the data it loads, findings, its log lines) searched for the raw identities.
 */
class RedactionLiveTest {

    @RegisterExtension
    static final SharedEnsembles ZK = new SharedEnsembles(v -> TestEnsembles.standalone(v));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "tenant-secret-acme";
    /** Client hosts of the scenario: config watch leak, connection leak, a growing path pattern. */
    private static final String CONFIG_LEAKER = "127.0.0.2";
    private static final String CONNECTION_LEAKER = "127.0.0.3";
    private static final String PATTERN_HOST = "127.0.0.4";
    private static final List<String> HOSTS = List.of(CONFIG_LEAKER, CONNECTION_LEAKER, PATTERN_HOST);
    private static final String THRESHOLDS = """
            findings:
              config_watch_max_sessions: 1
              connection_leak_max_sessions: 3
              path_pattern_min_sessions: 2
              path_pattern_min_increase: 2
            """;

    @TempDir
    Path dir;

    @Test
    void hmacModeKeepsTheRawPathAndClientAddressesOutOfEveryOutput() throws Exception {
        byte[] key = "an operator's secret key".getBytes(StandardCharsets.UTF_8);
        Path keyFile = Files.write(dir.resolve("hmac.key"), key);
        String watched = "/" + SECRET + "/orders/queue";
        LocalEnsemble zk = ZK.get(ZkVersions.newest());
        try (LogCapture logs = new LogCapture(); Clients clients = new Clients()) {
            String yaml = DaemonHarness.yaml("hmac", zk, THRESHOLDS + """
                    path_redaction: hmac
                    path_redaction_key_file: %s
                    client_redaction: hmac
                    """.formatted(keyFile));
            try (DaemonHarness d = DaemonHarness.start(dir.resolve("d"), yaml)) {
                scenario(zk, clients, watched, true);
                awaitFindings(d, "hmac", clients, zk, watched, Set.of("connection_leak", "config_watch_leak",
                        "path_watch_pattern"));
                String pathLabel = hmac(key, watched);
                d.awaitMetrics(m -> m.contains("path=\"" + pathLabel + "\""), Duration.ofSeconds(30),
                        "the watched path as its HMAC");
                Map<String, String> outputs = outputs(d, "hmac");
                outputs.put("logs", logs.text());

                assertNowhere(outputs, SECRET);
                HOSTS.forEach(h -> assertNowhere(outputs, h));
                assertTrue(outputs.get("/metrics").contains("path=\"" + pathLabel + "\""), outputs.get("/metrics"));
                assertTrue(outputs.get("/metrics").contains("client=\"" + hmac(key, CONNECTION_LEAKER) + "\""),
                        outputs.get("/metrics"));
                assertTrue(outputs.get("/api/v1/ensembles/hmac/paths").contains(pathLabel));
                assertTrue(outputs.get("/api/v1/ensembles/hmac/sessions").contains(pathLabel),
                        "sample paths of the sessions");
                assertTrue(outputs.get("/api/v1/ensembles/hmac/clients").contains(hmac(key, PATTERN_HOST)));
                String findings = outputs.get("/api/v1/findings");
                for (String h : HOSTS) {
                    assertTrue(findings.contains("\"subject\" : \"" + hmac(key, h) + "\""), h + " in " + findings);
                }
                assertTrue(findings.contains(pathLabel), "the pattern's path in its details: " + findings);
                assertTrue(outputs.get("logs").contains("subject=" + hmac(key, CONNECTION_LEAKER) + " active"),
                        outputs.get("logs"));
                assertNoDuplicateSeries(outputs.get("/metrics"));
            }
        }
    }

    @Test
    void prefixModeShowsOnlyLeadingSegmentsAndNetworksSummedIntoOneSeriesEach() throws Exception {
        String watched = "/shared/" + SECRET + "/queue";
        LocalEnsemble zk = ZK.get(ZkVersions.newest());
        try (LogCapture logs = new LogCapture(); Clients clients = new Clients()) {
            String yaml = DaemonHarness.yaml("prefix", zk, THRESHOLDS + """
                    path_redaction: prefix
                    path_redaction_depth: 1
                    client_redaction: prefix
                    client_redaction_ipv4_prefix: 24
                    """);
            try (DaemonHarness d = DaemonHarness.start(dir.resolve("d"), yaml)) {
                scenario(zk, clients, watched, false);
                awaitFindings(d, "prefix", clients, zk, watched, Set.of("connection_leak"));
                Exposition e = d.await(x -> x.has("zookeeper_path_watchers", "ensemble", "prefix",
                        "path", "/shared"), Duration.ofSeconds(30), "the watched path as /shared");
                Map<String, String> outputs = outputs(d, "prefix");
                outputs.put("logs", logs.text());

                assertNowhere(outputs, SECRET);
                HOSTS.forEach(h -> assertNowhere(outputs, h));
                String m = outputs.get("/metrics");
                assertNoDuplicateSeries(m);
                // Every client of the test, 127.0.0.1 included, is in 127.0.0.0/24: one series holds them all.
                String server = DaemonHarness.address(zk.servers().get(0));
                double all = DaemonHarness.value(m, "zookeeper_session_connections{ensemble=\"prefix\",server=\""
                        + server + "\",}");
                assertEquals(all, DaemonHarness.value(m, "zookeeper_client_connections{ensemble=\"prefix\",server=\""
                        + server + "\",client=\"127.0.0.0/24\",}"), m);
                assertTrue(m.contains("zkwatch_finding{ensemble=\"prefix\",finding=\"connection_leak\",server=\"\","
                        + "subject=\"127.0.0.0/24\",}"), m);
                assertTrue(outputs.get("/api/v1/ensembles/prefix/paths").contains("\"/shared\""));
                assertTrue(outputs.get("logs").contains("subject=127.0.0.0/24 active"), outputs.get("logs"));
                assertTrue(e.value("zookeeper_path_watchers", "ensemble", "prefix", "path", "/shared")
                        .orElseThrow() >= 5, "the watchers of every path under /shared, summed");
            }
        }
    }

    @Test
    void dropModeLeavesNoPerPathOrPerHostSeriesButKeepsTotalsAndFindings() throws Exception {
        String watched = "/" + SECRET + "/dropped/queue";
        LocalEnsemble zk = ZK.get(ZkVersions.newest());
        try (LogCapture logs = new LogCapture(); Clients clients = new Clients()) {
            String yaml = DaemonHarness.yaml("drop", zk, THRESHOLDS + """
                    path_redaction: drop
                    client_redaction: drop
                    """);
            try (DaemonHarness d = DaemonHarness.start(dir.resolve("d"), yaml)) {
                scenario(zk, clients, watched, false);
                awaitFindings(d, "drop", clients, zk, watched, Set.of("connection_leak"));
                d.awaitMetrics(m -> m.contains("zookeeper_session_watches{ensemble=\"drop\""), Duration.ofSeconds(30),
                        "a wchc dump");
                Map<String, String> outputs = outputs(d, "drop");
                outputs.put("logs", logs.text());

                assertNowhere(outputs, SECRET);
                HOSTS.forEach(h -> assertNowhere(outputs, h));
                String m = outputs.get("/metrics");
                for (String family : List.of("zookeeper_path_watchers{", "zookeeper_path_prefix_watches{",
                        "zookeeper_client_connections{", "zookeeper_client_watches{", "zkwatch_client_sessions{")) {
                    assertFalse(m.contains(family + "ensemble=\"drop\""), family + " in\n" + m);
                }
                String server = DaemonHarness.address(zk.servers().get(0));
                assertTrue(DaemonHarness.value(m, "zookeeper_client_hosts{ensemble=\"drop\",server=\"" + server
                        + "\",}") >= 4, "the true count of hosts stays: " + m);
                assertTrue(m.contains("zkwatch_finding{ensemble=\"drop\",finding=\"connection_leak\",server=\"\","
                        + "subject=\"redacted\",}"), m);
                assertTrue(m.contains("client=\"redacted\""), "sessions keep their series, not their host");
                JsonNode clientsApi = JSON.readTree(outputs.get("/api/v1/ensembles/drop/clients"));
                assertEquals(0, clientsApi.path("clients").size());
                assertTrue(clientsApi.path("distinct_clients").asInt() >= 4, clientsApi.toString());
                assertNoDuplicateSeries(m);
            }
        }
    }

    @Test
    void aReloadThatTurnsRedactionOnHidesWhatTheNextScrapeShows() throws Exception {
        byte[] key = "reload key".getBytes(StandardCharsets.UTF_8);
        Path keyFile = Files.write(dir.resolve("reload.key"), key);
        String watched = "/" + SECRET + "/reloaded/queue";
        LocalEnsemble zk = ZK.get(ZkVersions.newest());
        try (Clients clients = new Clients()) {
            try (DaemonHarness d = DaemonHarness.start(dir.resolve("d"), DaemonHarness.yaml("reload", zk, ""))) {
                ZooKeeper c = clients.connectFrom(CONFIG_LEAKER, zk.connectString());
                Clients.create(c, watched, "q");
                Clients.watchData(c, watched, e -> { });
                d.awaitMetrics(m -> m.contains("path=\"" + watched + "\"") && m.contains(CONFIG_LEAKER),
                        Duration.ofSeconds(30), "the raw path and host before the reload");
                Files.writeString(d.configFile(), DaemonHarness.yaml("reload", zk, """
                        path_redaction: hmac
                        path_redaction_key_file: %s
                        client_redaction: drop
                        """.formatted(keyFile)));
                assertEquals(200, d.post("/-/reload").statusCode());
                String m = d.metrics();
                assertFalse(m.contains(SECRET), m);
                assertFalse(m.contains(CONFIG_LEAKER), m);
                String hashed = hmac(key, watched);
                d.awaitMetrics(x -> x.contains("path=\"" + hashed + "\""), Duration.ofSeconds(30),
                        "the path as its HMAC once the restarted poller dumps again");
            }
        }
    }

    /**
     * Nodes under {@code watched}'s parent; {@link #CONFIG_LEAKER} watching {@code /zookeeper/config} from two
     * sessions; {@link #CONNECTION_LEAKER} with four sessions; each of them also watching {@code watched} and
     * four siblings, so the path is among the top paths.
     */
    private static void scenario(LocalEnsemble zk, Clients clients, String watched, boolean configLeak)
            throws Exception {
        ZooKeeper admin = clients.connect(zk.connectString());
        String parent = watched.substring(0, watched.lastIndexOf('/'));
        Clients.create(admin, watched, "q");
        for (int i = 0; i < 4; i++) {
            Clients.create(admin, parent + "/sibling-" + i, "s");
        }
        for (int i = 0; i < 2; i++) {
            ZooKeeper z = clients.connectFrom(CONFIG_LEAKER, zk.connectString());
            if (configLeak) {
                z.getConfig(true, null);
            }
            Clients.watchData(z, watched, e -> { });
        }
        for (int i = 0; i < 4; i++) {
            ZooKeeper z = clients.connectFrom(CONNECTION_LEAKER, zk.connectString());
            Clients.watchData(z, watched, e -> { });
            Clients.watchData(z, parent + "/sibling-" + i, e -> { });
        }
    }

    /**
     * Adds a {@link #PATTERN_HOST} session watching {@code watched} every round, so that its sessions on the path
     * grow from one dump to the next, until every finding of {@code kinds} is active.
     */
    private static void awaitFindings(DaemonHarness d, String ensemble, Clients clients, LocalEnsemble zk,
                                      String watched, Set<String> kinds) throws Exception {
        Instant end = Instant.now().plus(Duration.ofSeconds(90));
        Set<String> active = new HashSet<>();
        while (Instant.now().isBefore(end)) {
            Clients.watchData(clients.connectFrom(PATTERN_HOST, zk.connectString()), watched, e -> { });
            HttpResponse<String> r = d.get("/api/v1/findings?ensemble=" + ensemble);
            active.clear();
            if (r.statusCode() == 200) {
                JSON.readTree(r.body()).path("ensembles").path(0).path("findings")
                        .forEach(f -> active.add(f.path("finding").asText()));
            }
            if (active.containsAll(kinds)) {
                return;
            }
            Thread.sleep(1500);
        }
        throw new AssertionError("within 90 s, findings " + kinds + " were not all active; last: " + active);
    }

    /** Every output a user can read, by route: metrics, each API route, the page and the script it runs. */
    private static Map<String, String> outputs(DaemonHarness d, String ensemble) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        String base = "/api/v1/ensembles/" + ensemble;
        for (String route : List.of("/metrics", "/api/v1/ensembles", base, base + "/sessions?top=10000",
                base + "/paths?top=10000", base + "/clients?top=10000", "/api/v1/findings",
                "/api/v1/findings?ensemble=" + ensemble, "/", "/ui/app.js")) {
            HttpResponse<String> r = d.get(route);
            assertEquals(200, r.statusCode(), route + ": " + r.body());
            out.put(route.replace("?top=10000", ""), r.body());
        }
        return out;
    }

    private static void assertNowhere(Map<String, String> outputs, String raw) {
        outputs.forEach((where, text) -> assertFalse(text.contains(raw), "\"" + raw + "\" in " + where + ":\n" + text));
    }

    /** No two samples of the exposition share a name and label set, and promtool finds nothing to say. */
    static void assertNoDuplicateSeries(String exposition) throws Exception {
        Set<String> seen = new HashSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                String series = line.substring(0, line.lastIndexOf(' '));
                assertTrue(seen.add(series), "duplicate series " + series);
            }
        }
        if (PromTool.available()) {
            PromTool.Result lint = PromTool.checkMetrics(exposition.getBytes(StandardCharsets.UTF_8));
            assertEquals(0, lint.exitCode(), lint.output());
        }
    }

    /** What {@code hmac} mode should show for {@code value}, computed here independently of the product. */
    private static String hmac(byte[] key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "hmac:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 12);
    }

    /**
     * Every log event of this JVM while open, except those of the test's own ZooKeeper clients and child-server
     * harness, which are not zkwatch's output.
     */
    private static final class LogCapture implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture() {
            appender.start();
            root.addAppender(appender);
        }

        String text() {
            List<ILoggingEvent> events;
            synchronized (appender) {
                events = new ArrayList<>(appender.list);
            }
            StringBuilder out = new StringBuilder();
            for (ILoggingEvent e : events) {
                String logger = e.getLoggerName();
                if (logger.startsWith("org.apache.zookeeper") || logger.startsWith("io.zkwatch.harness")
                        || logger.startsWith("io.zkwatch.daemon.localzk")) {
                    continue;
                }
                out.append(logger).append(' ').append(e.getFormattedMessage()).append('\n');
                if (e.getThrowableProxy() != null) {
                    out.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
                }
            }
            return out.toString();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
