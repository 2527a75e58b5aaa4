package io.zkwatch.alerts;

import static io.zkwatch.alerts.AlertPipeline.firing;
import static io.zkwatch.alerts.AlertPipeline.labelled;
import static io.zkwatch.alerts.AlertPipeline.resolved;
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
import io.zkwatch.prom.AlertWebhook.Alert;
import io.zkwatch.prom.AlertmanagerServer;
import io.zkwatch.prom.PrometheusServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The shipped alerting rules, end to end and for real ({@link AlertPipeline}: ZooKeeper servers in child JVMs,
 * zkwatch, Debian's Prometheus and Alertmanager, a webhook in this JVM). Each case provokes a condition the way a
 * user's clients or servers would, waits with a deadline for its alert at the webhook, checks the labels that name
 * the member, host or session, and checks that no other alert fired meanwhile. The first case proves that a
 * healthy ensemble raises nothing at all. The cases share one pipeline and run in order; the destructive ones
 * (killing a member, stopping zkwatch) run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsEndToEndTest {

    private static final String VERSION = "3.9.5";
    private static final String ENSEMBLE = "e2e";
    private static final String LEAKING_WATCH_MANAGER = "io.zkwatch.harness.server.LeakingWatchManager";

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

    /**
     * Growth needs a trend over a span (15 minutes by default); the growth case's own ensemble shortens the span to
     * 10 s and lowers the daily floors, except the heap's, so that only what the test grows can be reported.
     */
    private static final String GROWTH = "findings:\n"
            + "  history_window: 1m\n"
            + "  growth_min_span: 10s\n"
            + "  growth_min_watches_per_day: 1\n"
            + "  growth_min_data_bytes_per_day: 1\n"
            + "  growth_min_znodes_per_day: 1\n"
            + "  growth_min_heap_bytes_per_day: 1TiB\n"
            + "  session_growth_min_increase: 1000000\n";

    private final SharedEnsembles quorums = new SharedEnsembles(TestEnsembles::quorum);
    /** A member whose whitelist lacks the dumps. */
    private final SharedEnsembles restricted = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .whitelist("srvr,mntr,conf,ruok,isro,envi,cons,wchs"));
    /** A server with the bug of ZOOKEEPER-1382: the findings branch's watch manager keeps closed sessions' watches. */
    private final SharedEnsembles leaking = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .systemProperty("zookeeper.watchManagerName", LEAKING_WATCH_MANAGER)
            .classpathEntry(Path.of("target/test-classes").toAbsolutePath()));
    private final SharedEnsembles growing = new SharedEnsembles(TestEnsembles::standalone);

    @TempDir
    static Path dir;

    private LocalEnsemble zk;
    private String healthyConfig;
    private AlertPipeline pipeline;

    @BeforeAll
    void startThePipeline() throws Exception {
        assumeTrue(PrometheusServer.available(), "prometheus is not installed (apt-get install prometheus): "
                + "skipping the end-to-end alert tests");
        assumeTrue(AlertmanagerServer.available(), "prometheus-alertmanager is not installed (apt-get install "
                + "prometheus-alertmanager): skipping the end-to-end alert tests");
        zk = quorums.get(VERSION);
        healthyConfig = DaemonHarness.yaml(ENSEMBLE, zk, FINDINGS);
        pipeline = AlertPipeline.start(dir, healthyConfig);
    }

    @AfterAll
    void stopThePipeline() {
        List<AutoCloseable> parts = new ArrayList<>();
        if (pipeline != null) {
            parts.add(pipeline);
        }
        parts.addAll(List.of(restricted, leaking, growing, quorums));
        AlertPipeline.closeAll(parts);
    }

    private static String server(LocalServer s) {
        return "127.0.0.1:" + s.clientPort();
    }

    /** The healthy configuration plus one more ensemble. */
    private String withEnsemble(String name, LocalEnsemble ensemble, String settings) {
        return healthyConfig + DaemonHarness.yaml(name, ensemble, settings).substring("ensembles:\n".length());
    }

    /**
     * The connection-leak alerts of the hosts that earlier cases made open sessions in a loop (127.0.0.8, 127.0.0.9):
     * Alertmanager may deliver them after the case that caused them has ended.
     */
    private static final Predicate<Alert> LATE_LEAKS = a -> a.name().equals("ZkwatchClientConnectionLeak")
            && java.util.Set.of("127.0.0.8", "127.0.0.9").contains(a.labels().get("subject"));

    @Test
    @Order(1)
    void aHealthyEnsembleRaisesNoAlertAtAll() throws Exception {
        PrometheusServer prometheus = pipeline.prometheus();
        // Every member polled, dumps included, for long enough that any detector could have spoken.
        pipeline.awaitAtLeast("count(zkwatch_collector_success{ensemble=\"" + ENSEMBLE + "\",collector=\"wchc\"} == 1)",
                zk.servers().size());
        pipeline.awaitAtLeast("min(count_over_time(zkwatch_up{ensemble=\"" + ENSEMBLE + "\"}[1m]))", 10);
        // Every rule evaluated well after that, longer than its (shortened) for: plus Alertmanager's group_wait.
        JsonNode groups = pipeline.awaitRulesEvaluatedAfter(Instant.now().plusSeconds(5));
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
        assertEquals(List.of(), pipeline.webhook().received(), "notifications on a healthy ensemble");
    }

    @Test
    @Order(2)
    void clientsPinnedToOneMemberRaiseTheSkewAlertNamingTheMemberAndTheHost() throws Exception {
        int mark = pipeline.mark();
        LocalServer pinned = zk.servers().get(0);
        Predicate<Alert> host = labelled("subject", "127.0.0.5");
        try (Clients clients = new Clients()) {
            for (int i = 0; i < 25; i++) {
                clients.connectFrom("127.0.0.5", pinned);
            }
            Alert a = pipeline.await(firing("ZkwatchClientsPinnedToOneMember").and(host), "the skew of 127.0.0.5");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
            assertEquals(server(pinned), a.labels().get("server"));
            assertEquals("warning", a.labels().get("severity"));
            assertTrue(a.annotations().get("description").contains(server(pinned))
                    && a.annotations().get("description").contains("127.0.0.5"), a.toString());
            assertEquals(AlertRules.RUNBOOK_URL + "zkwatchclientspinnedtoonemember",
                    a.annotations().get("runbook_url"));
        }
        // Closing those clients ends the skew, and Alertmanager says so.
        pipeline.await(resolved("ZkwatchClientsPinnedToOneMember").and(host), "the skew alert resolved");
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchClientsPinnedToOneMember");
    }

    @Test
    @Order(3)
    void aHostOpeningSessionsInALoopRaisesTheConnectionLeakAlertNamingTheHost() throws Exception {
        int mark = pipeline.mark();
        Predicate<Alert> leak = firing("ZkwatchClientConnectionLeak").and(labelled("subject", "127.0.0.9"));
        try (Clients clients = new Clients()) {
            pipeline.growUntil(() -> pipeline.arrived(leak), 20, "sum(zookeeper_client_connections{ensemble=\"" + ENSEMBLE
                    + "\",client=\"127.0.0.9\"})", () -> {
                        for (int i = 0; i < 3; i++) {
                            clients.connectFrom("127.0.0.9", zk.connectString());
                        }
                        return clients.sessions().size();
                    });
            Alert a = pipeline.await(leak, "the connection leak of 127.0.0.9");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
            assertFalse(a.labels().containsKey("server"), "a leak is ensemble-wide: " + a);
            assertTrue(a.annotations().get("description").startsWith("Client host 127.0.0.9 opens"), a.toString());
        }
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchClientConnectionLeak");
    }

    @Test
    @Order(4)
    void aHostWithManyCuratorStyleConfigWatchesRaisesTheConfigWatchLeakAlertNamingTheHost() throws Exception {
        int mark = pipeline.mark();
        try (Clients clients = new Clients()) {
            // What every Curator EnsembleTracker does once per client: getConfig with a watch on /zookeeper/config.
            for (int i = 0; i < 8; i++) {
                clients.connectFrom("127.0.0.7", zk.connectString()).getConfig(true, null);
            }
            Alert a = pipeline.await(firing("ZkwatchConfigWatchLeak").and(labelled("subject", "127.0.0.7")),
                    "the config watch leak of 127.0.0.7");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
            assertTrue(a.annotations().get("description").contains("CURATOR-710"), a.toString());
        }
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchConfigWatchLeak");
    }

    @Test
    @Order(5)
    void aHostWatchingOnePathFromEverMoreSessionsRaisesThePathPatternAlertNamingTheHost() throws Exception {
        int mark = pipeline.mark();
        Predicate<Alert> pattern = firing("ZkwatchPathWatchPattern").and(labelled("subject", "127.0.0.8"));
        try (Clients clients = new Clients()) {
            Clients.create(clients.connectPinned(zk.servers().get(0)), "/shared/settings", "v1");
            pipeline.growUntil(() -> pipeline.arrived(pattern), 15, "sum(zookeeper_path_watchers{ensemble=\"" + ENSEMBLE
                    + "\",path=\"/shared/settings\"})", () -> {
                        for (int i = 0; i < 2; i++) {
                            Clients.watchData(clients.connectFrom("127.0.0.8", zk.connectString()),
                                    "/shared/settings", e -> { });
                        }
                        return clients.sessions().size() - 1;
                    });
            Alert a = pipeline.await(pattern, "the path watch pattern of 127.0.0.8");
            assertEquals(ENSEMBLE, a.labels().get("ensemble"));
        }
        // A host that keeps opening sessions is also a connection leak (the same client bug, seen from cons).
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchPathWatchPattern", "ZkwatchClientConnectionLeak");
    }

    @Test
    @Order(6)
    void aSessionAddingWatchesAtEveryDumpRaisesTheSessionWatchGrowthAlertNamingIt() throws Exception {
        int mark = pipeline.mark();
        LocalServer member = zk.servers().get(1);
        try (Clients clients = new Clients()) {
            ZooKeeper z = clients.connectFrom("127.0.0.4", member);
            String hex = Clients.hexId(z);
            Predicate<Alert> growth = firing("ZkwatchSessionWatchesGrowing").and(labelled("subject", hex));
            int[] watched = {0};
            pipeline.growUntil(() -> pipeline.arrived(growth), 40, "max(zookeeper_session_watches{ensemble=\"" + ENSEMBLE + "\",session=\""
                    + hex + "\"})", () -> {
                        for (int i = 0; i < 5; i++, watched[0]++) {
                            Clients.create(z, "/queue/item-" + watched[0], "");
                            Clients.watchData(z, "/queue/item-" + watched[0], e -> { });
                        }
                        return watched[0];
                    });
            Alert a = pipeline.await(growth, "the watch growth of session " + hex);
            assertEquals(server(member), a.labels().get("server"));
            assertTrue(a.annotations().get("summary").contains(hex), a.toString());
        }
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchSessionWatchesGrowing");
    }

    @Test
    @Order(7)
    void aRejectedConfigurationReloadRaisesTheReloadAlertNamingTheInstance() throws Exception {
        int mark = pipeline.mark();
        assertEquals(500, pipeline.reconfigure(healthyConfig + "    no_such_setting: 1\n"),
                "the daemon rejects the broken configuration");
        Alert a = pipeline.await(firing("ZkwatchConfigReloadFailed"), "the failed reload");
        assertEquals(pipeline.instance(), a.labels().get("instance"));
        assertEquals("zkwatch", a.labels().get("job"));
        assertEquals(200, pipeline.reconfigure(healthyConfig));
        pipeline.await(resolved("ZkwatchConfigReloadFailed"), "the reload alert resolved");
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchConfigReloadFailed");
    }

    @Test
    @Order(8)
    void aMemberRefusingTheDumpsRaisesTheCommandRefusedAlertNamingMemberAndCommand() throws Exception {
        int mark = pipeline.mark();
        LocalEnsemble strict = restricted.get(VERSION);
        assertEquals(200, pipeline.reconfigure(withEnsemble("refusing", strict, "source: 4lw\n")));
        Alert a = pipeline.await(firing("ZkwatchCommandRefused").and(labelled("ensemble", "refusing"))
                .and(labelled("subject", "wchc")), "wchc refused by the restricted member");
        assertEquals(server(strict.servers().get(0)), a.labels().get("server"));
        assertTrue(a.annotations().get("description").contains("refuses the command wchc"), a.toString());
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchCommandRefused");
        assertEquals(200, pipeline.reconfigure(healthyConfig));
    }

    @Test
    @Order(9)
    void watchesAServerKeepsForClosedSessionsRaiseTheOrphanAlertNamingMemberAndSession() throws Exception {
        assumeTrue(leakingWatchManagerPresent(), LEAKING_WATCH_MANAGER + " (the findings branch's test watch "
                + "manager with the bug of ZOOKEEPER-1382) is not on the test class path: skipping the orphan case");
        int mark = pipeline.mark();
        LocalEnsemble leaky = leaking.get(VERSION);
        LocalServer member = leaky.servers().get(0);
        assertEquals(200, pipeline.reconfigure(withEnsemble("leaky", leaky, "findings:\n  orphan_grace: 4s\n")));
        try (Clients clients = new Clients()) {
            ZooKeeper owner = clients.connectPinned(member);
            Clients.createTree(owner, "/orphans", 3, 1);
            ZooKeeper client = clients.connectFrom("127.0.0.6", member);
            for (int i = 0; i < 3; i++) {
                Clients.watchData(client, "/orphans/n" + i, e -> { });
            }
            String closed = Clients.hexId(client);
            client.close(5_000);
            Alert a = pipeline.await(firing("ZkwatchOrphanedWatches").and(labelled("ensemble", "leaky")),
                    "orphaned watches on the leaking member");
            assertEquals(server(member), a.labels().get("server"));
            String description = a.annotations().get("description");
            assertTrue(description.contains(closed), "names the closed session " + closed + ": " + a);
            assertFalse(description.contains(Clients.hexId(owner)), "a live session is no orphan: " + a);
        }
        assertEquals(200, pipeline.reconfigure(healthyConfig));
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchOrphanedWatches");
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
        int mark = pipeline.mark();
        LocalServer missing = zk.servers().get(2);
        // zkwatch configured with two of the three members; the third is found in their conf (discover: true).
        assertEquals(200, pipeline.reconfigure(DaemonHarness.yaml(ENSEMBLE, zk.servers().subList(0, 2),
                FINDINGS + "admin: { enabled: false }\n")));
        Alert a = pipeline.await(firing("ZkwatchMemberNotConfigured").and(labelled("server", server(missing))),
                "the unlisted member " + server(missing));
        assertEquals("info", a.labels().get("severity"));
        assertEquals(200, pipeline.reconfigure(healthyConfig));
        pipeline.await(resolved("ZkwatchMemberNotConfigured"), "the alert resolved once the member is listed");
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchMemberNotConfigured");
    }

    @Test
    @Order(11)
    void steadyGrowthOfWatchesAndDataRaisesTheGrowthAlertsNamingTheMember() throws Exception {
        int mark = pipeline.mark();
        LocalEnsemble grown = growing.get(VERSION);
        LocalServer member = grown.servers().get(0);
        assertEquals(200, pipeline.reconfigure(withEnsemble("growing", grown, GROWTH)));
        Predicate<Alert> watches = firing("ZkwatchWatchesGrowing").and(labelled("ensemble", "growing"));
        Predicate<Alert> memory = firing("ZkwatchMemberMemoryGrowing").and(labelled("ensemble", "growing"));
        try (Clients clients = new Clients()) {
            ZooKeeper z = clients.connectPinned(member);
            int[] nodes = {0};
            pipeline.growUntil(() -> pipeline.arrived(watches) && pipeline.arrived(memory), 100,
                    "sum(zookeeper_watches{ensemble=\"growing\"})", () -> {
                        for (int i = 0; i < 20; i++, nodes[0]++) {
                            Clients.create(z, "/grow/n" + nodes[0], "some bytes of data");
                            Clients.watchData(z, "/grow/n" + nodes[0], e -> { });
                        }
                        return nodes[0];
                    });
            Alert w = pipeline.await(watches, "the watch growth of the growing member");
            assertEquals(server(member), w.labels().get("server"));
            assertTrue(w.annotations().get("description").contains("watches an hour"), w.toString());
            Alert m = pipeline.await(memory, "the memory growth of the growing member");
            assertEquals(server(member), m.labels().get("server"));
            assertTrue(List.of("approximate_data_size", "znodes").contains(m.labels().get("subject")), m.toString());
        }
        assertEquals(200, pipeline.reconfigure(healthyConfig));
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchWatchesGrowing", "ZkwatchMemberMemoryGrowing");
    }

    @Test
    @Order(12)
    void aKilledMemberRaisesTheUnreachableAlertNamingIt() throws Exception {
        int mark = pipeline.mark();
        LocalServer victim = zk.followers().get(0);
        victim.kill();
        Alert a = pipeline.await(firing("ZkwatchMemberUnreachable").and(labelled("server", server(victim))),
                "the killed member " + server(victim));
        assertEquals(ENSEMBLE, a.labels().get("ensemble"));
        assertEquals("critical", a.labels().get("severity"));
        assertTrue(a.annotations().get("description").contains(server(victim)), a.toString());
        // The finding speaks for the member: the fallback on zkwatch_up and the collectors stay quiet.
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchMemberUnreachable");
    }

    @Test
    @Order(13)
    void aStoppedZkwatchRaisesTheTargetDownAlertNamingTheInstance() throws Exception {
        int mark = pipeline.mark();
        String instance = pipeline.instance();
        pipeline.daemon().close();
        Alert a = pipeline.await(firing("ZkwatchTargetDown").and(labelled("instance", instance)),
                "zkwatch's target down");
        assertEquals("zkwatch", a.labels().get("job"));
        assertEquals("critical", a.labels().get("severity"));
        pipeline.assertOnlyFired(mark, LATE_LEAKS, "ZkwatchTargetDown");
    }
}
