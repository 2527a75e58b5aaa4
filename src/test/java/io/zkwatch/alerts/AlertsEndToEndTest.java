package io.zkwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.prom.AlertWebhook;
import io.zkwatch.prom.AlertWebhook.Alert;
import io.zkwatch.prom.AlertmanagerServer;
import io.zkwatch.prom.PrometheusServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alerting rules, end to end and for real: ZooKeeper servers in child JVMs, zkwatch polling them,
 * Prometheus (Debian's package) scraping zkwatch with the shipped rules rendered through the documented override
 * ({@code render-rules.sh --for 2s}), Alertmanager (Debian's package) routing every alert to a webhook in this JVM.
 * Each case provokes a condition the way a user's clients would and waits, with a deadline, for the alert at the
 * webhook; the first proves that a healthy ensemble raises nothing at all. The cases share one pipeline and run
 * in order; the destructive one (killing a member) runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsEndToEndTest {

    private static final String VERSION = "3.9.5";
    private static final String ENSEMBLE = "e2e";
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(90);

    /**
     * The daemon's detection thresholds (its {@code findings:} block), shortened where the defaults are sized for
     * production: a skew must hold 2 polls (default 3); a host with more than 30 sessions (default 1000), or whose
     * sessions rose by 10 over 3 readings (default 50 over 4), is a leak; more than 5 sessions of one host on
     * /zookeeper/config (default 10) leak config watches; 5 sessions of one host on one path, 5 more than earlier
     * (default 20 and 10), are a path pattern; a session whose watches rose over 3 dumps by 10 (default 4 and 500)
     * leaks watches; history is kept for 15 minutes (1 h). Growth findings keep their defaults, which need 15
     * minutes of history, so that a young JVM's heap never passes for a leak here.
     */
    private static final String FINDINGS = "findings:\n"
            + "  history_window: 15m\n"
            + "  skew_min_polls: 2\n"
            + "  connection_leak_max_sessions: 30\n"
            + "  connection_leak_min_increase: 10\n"
            + "  connection_leak_min_points: 3\n"
            + "  config_watch_max_sessions: 5\n"
            + "  path_pattern_min_sessions: 5\n"
            + "  path_pattern_min_increase: 5\n"
            + "  session_growth_min_dumps: 3\n"
            + "  session_growth_min_increase: 10\n";

    private final SharedEnsembles quorums = new SharedEnsembles(TestEnsembles::quorum);
    private final SharedEnsembles restricted = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .whitelist("srvr,mntr,conf,ruok,isro,envi,cons,wchs"));
    /** A server with the bug of ZOOKEEPER-1382: the findings branch's watch manager that keeps closed sessions' watches. */
    private final SharedEnsembles growing = new SharedEnsembles(TestEnsembles::standalone);
    private final SharedEnsembles leaking = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .systemProperty("zookeeper.watchManagerName", LEAKING_WATCH_MANAGER)
            .classpathEntry(Path.of("target/test-classes").toAbsolutePath()));
    private static final String LEAKING_WATCH_MANAGER = "io.zkwatch.harness.server.LeakingWatchManager";

    @TempDir
    static Path dir;

    private LocalEnsemble zk;
    private AlertWebhook webhook;
    private AlertmanagerServer alertmanager;
    private DaemonHarness daemon;
    private PrometheusServer prometheus;
    private String healthyConfig;

    @BeforeAll
    void startThePipeline() throws Exception {
        assumeTrue(PrometheusServer.available(), "prometheus is not installed (apt-get install prometheus): "
                + "skipping the end-to-end alert tests");
        assumeTrue(AlertmanagerServer.available(), "prometheus-alertmanager is not installed (apt-get install "
                + "prometheus-alertmanager): skipping the end-to-end alert tests");
        zk = quorums.get(VERSION);
        webhook = AlertWebhook.start();
        alertmanager = AlertmanagerServer.start(dir.resolve("alertmanager"), webhook.uri());
        healthyConfig = DaemonHarness.yaml(ENSEMBLE, zk, FINDINGS);
        daemon = DaemonHarness.start(dir.resolve("zkwatch"), healthyConfig);
        Path rules = dir.resolve("zkwatch-alerts-short.yaml");
        Files.writeString(rules, AlertRules.render("--for", "2s"));
        prometheus = PrometheusServer.start(dir.resolve("prometheus"),
                List.of("127.0.0.1:" + daemon.daemon().port()), List.of(rules), alertmanager.address(), "");
    }

    @AfterAll
    void stopThePipeline() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(prometheus);
        parts.add(daemon);
        parts.add(alertmanager);
        parts.add(webhook);
        parts.add(restricted);
        parts.add(leaking);
        parts.add(growing);
        parts.add(quorums);
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // keep closing the rest; the test outcome is already decided
            }
        }
    }

    private String server(LocalServer s) {
        return "127.0.0.1:" + s.clientPort();
    }

    private static Predicate<Alert> firing(String alertname) {
        return a -> a.firing() && a.name().equals(alertname);
    }

    @Test
    @Order(1)
    void aHealthyEnsembleRaisesNoAlertAtAll() throws Exception {
        // Every member polled, dumps included, for long enough that any detector could have spoken.
        prometheus.awaitQuery("count(zkwatch_collector_success{ensemble=\"" + ENSEMBLE + "\",collector=\"wchc\"} == 1)",
                r -> r.size() == 1 && r.get(0).path("value").get(1).asInt() == zk.servers().size(),
                Duration.ofSeconds(60));
        prometheus.awaitQuery("min(count_over_time(zkwatch_up{ensemble=\"" + ENSEMBLE + "\"}[1m]))",
                r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= 10, Duration.ofSeconds(60));
        // Every rule evaluated well after that, longer than its (shortened) for: plus Alertmanager's group_wait.
        Instant settled = Instant.now().plusSeconds(5);
        JsonNode groups = awaitRulesEvaluatedAfter(settled);
        List<String> unhealthy = new ArrayList<>();
        int rules = 0;
        for (JsonNode g : groups) {
            for (JsonNode r : g.path("rules")) {
                rules++;
                if (!"ok".equals(r.path("health").asText())) {
                    unhealthy.add(r.path("name").asText() + ": " + r.path("lastError").asText());
                }
            }
        }
        assertEquals(AlertRules.shipped().size(), rules, "Prometheus loaded every shipped rule");
        assertTrue(unhealthy.isEmpty(), "rules failing to evaluate: " + unhealthy);
        JsonNode active = prometheus.get("/api/v1/alerts").path("data").path("alerts");
        assertEquals(0, active.size(), "pending or firing alerts on a healthy ensemble: " + active);
        assertEquals(List.of(), webhook.received(), "notifications on a healthy ensemble");
    }

    @Test
    @Order(2)
    void clientsPinnedToOneMemberRaiseTheSkewAlertNamingTheMemberAndTheHost() throws Exception {
        int from = webhook.received().size();
        LocalServer pinned = zk.servers().get(0);
        Predicate<Alert> skew = a -> a.name().equals("ZkwatchClientsPinnedToOneMember")
                && "127.0.0.5".equals(a.labels().get("subject"));
        try (Clients clients = new Clients()) {
            for (int i = 0; i < 25; i++) {
                clients.connectFrom("127.0.0.5", pinned);
            }
            Alert a = webhook.await(skew.and(Alert::firing), ALERT_TIMEOUT,
                    "ZkwatchClientsPinnedToOneMember for host 127.0.0.5");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
            assertEquals(server(pinned), a.labels().get("server"));
            assertEquals("warning", a.labels().get("severity"));
            assertTrue(a.annotations().get("description").contains(server(pinned))
                    && a.annotations().get("description").contains("127.0.0.5"), a.toString());
            assertEquals(AlertRules.RUNBOOK_URL + "zkwatchclientspinnedtoonemember",
                    a.annotations().get("runbook_url"));
        }
        // Closing those clients ends the skew, and Alertmanager says so.
        webhook.await(skew.and(a -> !a.firing()), ALERT_TIMEOUT, "the skew alert resolved");
        assertOnlyFired(from, "ZkwatchClientsPinnedToOneMember");
    }

    @Test
    @Order(3)
    void aHostOpeningSessionsInALoopRaisesTheConnectionLeakAlertNamingTheHost() throws Exception {
        int from = webhook.received().size();
        Predicate<Alert> leak = firing("ZkwatchClientConnectionLeak")
                .and(a -> "127.0.0.9".equals(a.labels().get("subject")));
        try (Clients clients = new Clients()) {
            int opened = 0;
            while (opened < 60 && webhook.received().stream().noneMatch(leak)) {
                for (int i = 0; i < 3; i++) {
                    clients.connectFrom("127.0.0.9", zk.connectString());
                    opened++;
                }
                int expected = opened;
                // Each round is seen by a poll of its own: the host's sessions rise reading after reading.
                prometheus.awaitQuery("sum(zookeeper_client_connections{ensemble=\"" + ENSEMBLE
                                + "\",client=\"127.0.0.9\"})",
                        r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= expected,
                        Duration.ofSeconds(30));
            }
            Alert a = webhook.await(leak, ALERT_TIMEOUT, "ZkwatchClientConnectionLeak for host 127.0.0.9");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
            assertFalse(a.labels().containsKey("server"), "a leak is ensemble-wide: " + a);
            assertTrue(a.annotations().get("description").startsWith("Client host 127.0.0.9 opens"), a.toString());
        }
        assertOnlyFired(from, "ZkwatchClientConnectionLeak");
    }

    @Test
    @Order(4)
    void aHostWithManyCuratorStyleConfigWatchesRaisesTheConfigWatchLeakAlertNamingTheHost() throws Exception {
        int from = webhook.received().size();
        try (Clients clients = new Clients()) {
            // What every Curator EnsembleTracker does once per client: getConfig with a watch on /zookeeper/config.
            for (int i = 0; i < 8; i++) {
                clients.connectFrom("127.0.0.7", zk.connectString()).getConfig(true, null);
            }
            Alert a = webhook.await(firing("ZkwatchConfigWatchLeak")
                            .and(x -> "127.0.0.7".equals(x.labels().get("subject"))),
                    ALERT_TIMEOUT, "ZkwatchConfigWatchLeak for host 127.0.0.7");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
            assertTrue(a.annotations().get("description").contains("CURATOR-710"), a.toString());
        }
        assertOnlyFired(from, "ZkwatchConfigWatchLeak");
    }

    @Test
    @Order(5)
    void aHostWatchingOnePathFromEverMoreSessionsRaisesThePathPatternAlertNamingTheHost() throws Exception {
        int from = webhook.received().size();
        Predicate<Alert> pattern = firing("ZkwatchPathWatchPattern")
                .and(x -> "127.0.0.8".equals(x.labels().get("subject")));
        try (Clients clients = new Clients()) {
            Clients.create(clients.connectPinned(zk.servers().get(0)), "/shared/settings", "v1");
            int watching = 0;
            while (watching < 30 && webhook.received().stream().noneMatch(pattern)) {
                for (int i = 0; i < 2; i++, watching++) {
                    Clients.watchData(clients.connectFrom("127.0.0.8", zk.connectString()), "/shared/settings",
                            e -> { });
                }
                int expected = watching;
                // Each round is seen by the wchp dumps: the host's sessions on the path grow within the window.
                prometheus.awaitQuery("sum(zookeeper_path_watchers{ensemble=\"" + ENSEMBLE
                                + "\",path=\"/shared/settings\"})",
                        r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= expected,
                        Duration.ofSeconds(30));
            }
            Alert a = webhook.await(pattern, ALERT_TIMEOUT, "ZkwatchPathWatchPattern for host 127.0.0.8");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
        }
        // A host that keeps opening sessions is also a connection leak (the same client bug, seen from cons).
        assertOnlyFired(from, "ZkwatchPathWatchPattern", "ZkwatchClientConnectionLeak");
    }

    @Test
    @Order(6)
    void aSessionAddingWatchesAtEveryDumpRaisesTheSessionWatchGrowthAlertNamingIt() throws Exception {
        int from = webhook.received().size();
        LocalServer member = zk.servers().get(1);
        try (Clients clients = new Clients()) {
            ZooKeeper z = clients.connectFrom("127.0.0.4", member);
            String hex = Clients.hexId(z);
            Predicate<Alert> growth = firing("ZkwatchSessionWatchesGrowing").and(x -> hex.equals(x.labels().get("subject")));
            int watched = 0;
            while (watched < 200 && webhook.received().stream().noneMatch(growth)) {
                for (int i = 0; i < 5; i++, watched++) {
                    Clients.create(z, "/queue/item-" + watched, "");
                    Clients.watchData(z, "/queue/item-" + watched, e -> { });
                }
                int expected = watched;
                // Each round is seen by a wchc dump of its own: the session's watches rise dump after dump.
                prometheus.awaitQuery("max(zookeeper_session_watches{ensemble=\"" + ENSEMBLE + "\",session=\""
                                + hex + "\"})",
                        r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= expected,
                        Duration.ofSeconds(30));
            }
            Alert a = webhook.await(growth, ALERT_TIMEOUT, "ZkwatchSessionWatchesGrowing for session " + hex);
            assertEquals(server(member), a.labels().get("server"));
            assertTrue(a.annotations().get("summary").contains(hex), a.toString());
        }
        assertOnlyFired(from, "ZkwatchSessionWatchesGrowing");
    }

    @Test
    @Order(7)
    void aRejectedConfigurationReloadRaisesTheReloadAlertNamingTheInstance() throws Exception {
        int from = webhook.received().size();
        Files.writeString(daemon.configFile(), healthyConfig + "    no_such_setting: 1\n");
        assertEquals(500, reload().statusCode(), "the daemon rejects the broken configuration");
        Predicate<Alert> reloadFailed = a -> a.name().equals("ZkwatchConfigReloadFailed");
        Alert a = webhook.await(reloadFailed.and(Alert::firing), ALERT_TIMEOUT, "ZkwatchConfigReloadFailed");
        assertEquals("127.0.0.1:" + daemon.daemon().port(), a.labels().get("instance"));
        assertEquals("zkwatch", a.labels().get("job"));
        Files.writeString(daemon.configFile(), healthyConfig);
        assertEquals(200, reload().statusCode());
        webhook.await(reloadFailed.and(x -> !x.firing()), ALERT_TIMEOUT, "the reload alert resolved");
        assertOnlyFired(from, "ZkwatchConfigReloadFailed");
    }

    @Test
    @Order(8)
    void aMemberRefusingTheDumpsRaisesTheCommandRefusedAlertNamingMemberAndCommand() throws Exception {
        int from = webhook.received().size();
        LocalEnsemble strict = restricted.get(VERSION);
        String both = healthyConfig + DaemonHarness.yaml("refusing", strict, "source: 4lw\n")
                .substring("ensembles:\n".length());
        Files.writeString(daemon.configFile(), both);
        assertEquals(200, reload().statusCode());
        Alert a = webhook.await(firing("ZkwatchCommandRefused")
                        .and(x -> "refusing".equals(x.labels().get("ensemble")))
                        .and(x -> "wchc".equals(x.labels().get("subject"))),
                ALERT_TIMEOUT, "ZkwatchCommandRefused for wchc on the restricted member");
        assertEquals(server(strict.servers().get(0)), a.labels().get("server"));
        assertTrue(a.annotations().get("description").contains("refuses the command wchc"), a.toString());
        assertOnlyFired(from, "ZkwatchCommandRefused");
        Files.writeString(daemon.configFile(), healthyConfig);
        assertEquals(200, reload().statusCode());
    }

    @Test
    @Order(9)
    void watchesAServerKeepsForClosedSessionsRaiseTheOrphanAlertNamingMemberAndSession() throws Exception {
        assumeTrue(leakingWatchManagerPresent(), LEAKING_WATCH_MANAGER + " (the findings branch's test watch "
                + "manager with the bug of ZOOKEEPER-1382) is not on the test class path: skipping the orphan case");
        int from = webhook.received().size();
        LocalEnsemble leaky = leaking.get(VERSION);
        LocalServer member = leaky.servers().get(0);
        Files.writeString(daemon.configFile(), healthyConfig + DaemonHarness.yaml("leaky", leaky,
                "findings:\n  orphan_grace: 4s\n").substring("ensembles:\n".length()));
        assertEquals(200, reload().statusCode());
        String closed;
        try (Clients clients = new Clients()) {
            ZooKeeper owner = clients.connectPinned(member);
            Clients.createTree(owner, "/orphans", 3, 1);
            ZooKeeper client = clients.connectFrom("127.0.0.6", member);
            for (int i = 0; i < 3; i++) {
                Clients.watchData(client, "/orphans/n" + i, e -> { });
            }
            closed = Clients.hexId(client);
            client.close(5_000);
            Alert a = webhook.await(firing("ZkwatchOrphanedWatches")
                            .and(x -> "leaky".equals(x.labels().get("ensemble"))),
                    ALERT_TIMEOUT, "ZkwatchOrphanedWatches for the leaking member");
            assertEquals(server(member), a.labels().get("server"));
            assertTrue(a.annotations().get("description").contains(closed), "names the closed session " + closed
                    + ": " + a);
            assertFalse(a.annotations().get("description").contains(Clients.hexId(owner)),
                    "a live session is no orphan: " + a);
        }
        Files.writeString(daemon.configFile(), healthyConfig);
        assertEquals(200, reload().statusCode());
        assertOnlyFired(from, "ZkwatchOrphanedWatches");
    }

    private static boolean leakingWatchManagerPresent() {
        try {
            Class.forName(LEAKING_WATCH_MANAGER, false, AlertsEndToEndTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    @Order(10)
    void aMemberMissingFromTheConfigurationRaisesTheNotConfiguredAlertNamingIt() throws Exception {
        int from = webhook.received().size();
        LocalServer missing = zk.servers().get(2);
        // zkwatch configured with two of the three members; the third is found in their conf (discover: true).
        Files.writeString(daemon.configFile(), DaemonHarness.yaml(ENSEMBLE, zk.servers().subList(0, 2),
                FINDINGS + "admin: { enabled: false }\n"));
        assertEquals(200, reload().statusCode());
        Alert a = webhook.await(firing("ZkwatchMemberNotConfigured")
                        .and(x -> server(missing).equals(x.labels().get("server"))),
                ALERT_TIMEOUT, "ZkwatchMemberNotConfigured for " + server(missing));
        assertEquals("info", a.labels().get("severity"));
        Files.writeString(daemon.configFile(), healthyConfig);
        assertEquals(200, reload().statusCode());
        webhook.await(x -> x.name().equals("ZkwatchMemberNotConfigured") && !x.firing(), ALERT_TIMEOUT,
                "the not-configured alert resolved once the member is listed");
        assertOnlyFired(from, "ZkwatchMemberNotConfigured");
    }

    /**
     * Growth needs a trend over a span (15 minutes by default); this ensemble's findings block shortens the span
     * to 10 s and lowers the daily floors, except the heap's, so that only what the test grows can be reported.
     */
    private static final String GROWTH = "findings:\n"
            + "  history_window: 1m\n"
            + "  growth_min_span: 10s\n"
            + "  growth_min_watches_per_day: 1\n"
            + "  growth_min_data_bytes_per_day: 1\n"
            + "  growth_min_znodes_per_day: 1\n"
            + "  growth_min_heap_bytes_per_day: 1TiB\n"
            + "  session_growth_min_increase: 1000000\n";

    @Test
    @Order(11)
    void steadyGrowthOfWatchesAndDataRaisesTheGrowthAlertsNamingTheMember() throws Exception {
        int from = webhook.received().size();
        LocalEnsemble grown = growing.get(VERSION);
        LocalServer member = grown.servers().get(0);
        Files.writeString(daemon.configFile(), healthyConfig
                + DaemonHarness.yaml("growing", grown, GROWTH).substring("ensembles:\n".length()));
        assertEquals(200, reload().statusCode());
        Predicate<Alert> watches = firing("ZkwatchWatchesGrowing").and(x -> "growing".equals(x.labels().get("ensemble")));
        Predicate<Alert> memory = firing("ZkwatchMemberMemoryGrowing")
                .and(x -> "growing".equals(x.labels().get("ensemble")));
        try (Clients clients = new Clients()) {
            ZooKeeper z = clients.connectPinned(member);
            int nodes = 0;
            while (nodes < 2000 && !(webhook.received().stream().anyMatch(watches)
                    && webhook.received().stream().anyMatch(memory))) {
                for (int i = 0; i < 20; i++, nodes++) {
                    Clients.create(z, "/grow/n" + nodes, "some bytes of data");
                    Clients.watchData(z, "/grow/n" + nodes, e -> { });
                }
                int expected = nodes;
                // Each round is seen by a poll of its own (mntr): watches and data grow reading after reading.
                prometheus.awaitQuery("sum(zookeeper_watches{ensemble=\"growing\"})",
                        r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= expected,
                        Duration.ofSeconds(30));
            }
            Alert w = webhook.await(watches, ALERT_TIMEOUT, "ZkwatchWatchesGrowing for the growing member");
            assertEquals(server(member), w.labels().get("server"));
            assertTrue(w.annotations().get("description").contains("watches an hour"), w.toString());
            Alert m = webhook.await(memory, ALERT_TIMEOUT, "ZkwatchMemberMemoryGrowing for the growing member");
            assertEquals(server(member), m.labels().get("server"));
            assertTrue(List.of("approximate_data_size", "znodes").contains(m.labels().get("subject")), m.toString());
        }
        Files.writeString(daemon.configFile(), healthyConfig);
        assertEquals(200, reload().statusCode());
        assertOnlyFired(from, "ZkwatchWatchesGrowing", "ZkwatchMemberMemoryGrowing");
    }

    @Test
    @Order(12)
    void aKilledMemberRaisesTheUnreachableAlertNamingIt() throws Exception {
        int from = webhook.received().size();
        LocalServer victim = zk.followers().get(0);
        victim.kill();
        Alert a = webhook.await(firing("ZkwatchMemberUnreachable")
                        .and(x -> server(victim).equals(x.labels().get("server"))),
                ALERT_TIMEOUT, "ZkwatchMemberUnreachable for " + server(victim));
        assertEquals(ENSEMBLE, a.labels().get("ensemble"));
        assertEquals("critical", a.labels().get("severity"));
        assertTrue(a.annotations().get("description").contains(server(victim)), a.toString());
        // The finding speaks for the member: the fallback on zkwatch_up and the collectors stay quiet.
        assertOnlyFired(from, "ZkwatchMemberUnreachable");
    }

    @Test
    @Order(13)
    void aStoppedZkwatchRaisesTheTargetDownAlertNamingTheInstance() throws Exception {
        int from = webhook.received().size();
        String instance = "127.0.0.1:" + daemon.daemon().port();
        daemon.close();
        Alert a = webhook.await(firing("ZkwatchTargetDown").and(x -> instance.equals(x.labels().get("instance"))),
                ALERT_TIMEOUT, "ZkwatchTargetDown for " + instance);
        assertEquals("zkwatch", a.labels().get("job"));
        assertEquals("critical", a.labels().get("severity"));
        assertOnlyFired(from, "ZkwatchTargetDown");
    }

    /** Every alert that fired since the {@code from}-th notification is one of {@code expected}. */
    private void assertOnlyFired(int from, String... expected) {
        List<Alert> all = webhook.received();
        List<Alert> others = all.subList(from, all.size()).stream()
                .filter(a -> a.firing() && !List.of(expected).contains(a.name())).toList();
        assertEquals(List.of(), others, "alerts other than " + List.of(expected) + " fired");
    }

    private java.net.http.HttpResponse<String> reload() throws IOException, InterruptedException {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(daemon.uri("/-/reload"))
                        .timeout(Duration.ofSeconds(30)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every rule group has been evaluated after {@code after}; returns the groups. */
    private JsonNode awaitRulesEvaluatedAfter(Instant after) throws IOException, InterruptedException {
        Instant end = Instant.now().plusSeconds(60);
        JsonNode groups = null;
        while (Instant.now().isBefore(end)) {
            groups = prometheus.get("/api/v1/rules").path("data").path("groups");
            boolean all = groups.size() > 0;
            for (JsonNode g : groups) {
                all &= Instant.parse(g.path("lastEvaluation").asText()).isAfter(after);
            }
            if (all) {
                return groups;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("rule groups not evaluated after " + after + ": " + groups);
    }
}
