package io.zkwatch.daemon.findings.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.FreezableProxy;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import io.zkwatch.harness.server.LeakingWatchManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Orphaned watches against real servers: one whose watch manager keeps the watches of closed connections
 * (ZOOKEEPER-1382, {@link LeakingWatchManager}), and a healthy one whose {@code WatchManagerOptimized} removes them
 * lazily. zkwatch must name exactly the closed sessions on the first and nothing on the second.
 */
class OrphanedWatchesLiveTest {

    private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

    @TempDir
    Path dir;

    private static String cons(LocalServer s) throws Exception {
        return new String(s.fourLetterWord("cons", Duration.ofSeconds(5)), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "ZooKeeper {0}")
    @MethodSource("io.zkwatch.harness.ZkVersions#all")
    void namesExactlyTheClosedSessionsWhoseWatchesALeakingServerKeeps(String version) throws Exception {
        try (LocalEnsemble zk = TestEnsembles.standalone(version)
                .systemProperty("zookeeper.watchManagerName", LeakingWatchManager.class.getName())
                .classpathEntry(TEST_CLASSES)
                .configEntry("maxSessionTimeout", "20000")
                .start();
             Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir, DaemonHarness.yaml("leak", zk, "findings:\n  orphan_grace: 8s\n"))) {
            LocalServer s = zk.servers().get(0);
            String server = "127.0.0.1:" + s.clientPort();
            FindingsApi api = new FindingsApi(d, "leak");
            ZooKeeper admin = clients.connectPinned(s);
            Clients.createTree(admin, "/leak", 4, 1);

            Set<String> live = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                ZooKeeper z = clients.connectFrom("127.0.0.2", s);
                Clients.watchData(z, "/leak/n" + i, e -> { });
                live.add(Clients.hexId(z));
            }
            live.add(Clients.hexId(admin));
            Map<String, Long> expected = new TreeMap<>();
            for (int i = 1; i <= 4; i++) {
                ZooKeeper z = clients.connectFrom("127.0.0.3", s);
                for (int p = 0; p < i; p++) {
                    Clients.watchData(z, "/leak/n" + p, e -> { });
                }
                expected.put(Clients.hexId(z), (long) i);
                z.close(5_000);
            }
            try (FreezableProxy proxy = FreezableProxy.start("127.0.0.1", s.clientPort(), "127.0.0.4")) {
                ZooKeeper frozen = clients.connect(proxy.connectString());
                Clients.watchData(frozen, "/leak/n0", e -> { });
                Clients.watchData(frozen, "/leak/n1", e -> { });
                String frozenHex = Clients.hexId(frozen);
                proxy.freeze();

                // While the server still lists the frozen client's connection, its session lives: no alarm, even
                // though its watches are older than the 8 s grace.
                Instant end = Instant.now().plus(Duration.ofSeconds(60));
                int checks = 0;
                while (cons(s).contains("sid=" + frozenHex) && Instant.now().isBefore(end)) {
                    List<JsonNode> now = api.findings();
                    assertTrue(!FindingsApi.subjects(now, "orphaned_watches").contains(frozenHex),
                            "the frozen session was reported while it was still connected: " + now);
                    checks++;
                    Thread.sleep(500);
                }
                assertTrue(checks >= 20, "the frozen session's connection should outlive the grace; checked "
                        + checks + " times");
                expected.put(frozenHex, 2L);

                List<JsonNode> found = api.await(f -> FindingsApi.subjects(f, "orphaned_watches")
                        .equals(new TreeSet<>(expected.keySet())), Duration.ofSeconds(60),
                        "exactly the closed sessions " + expected.keySet() + " as orphans");
                for (JsonNode f : found) {
                    if (f.path("finding").asText().equals("orphaned_watches")) {
                        assertEquals(server, f.path("server").asText());
                        assertEquals((long) expected.get(f.path("subject").asText()),
                                f.path("details").path("watches").asLong(), f.toString());
                        assertEquals(LeakingWatchManager.class.getName(),
                                f.path("details").path("watch_manager").asText(), "read from system_properties");
                        assertTrue(f.path("summary").asText().contains("orphan_grace 8s from the configuration"),
                                f.toString());
                    }
                }
                assertTrue(FindingsApi.subjects(found, "orphaned_watches").stream().noneMatch(live::contains));
                String m = d.metrics();
                String labels = "{ensemble=\"leak\",server=\"" + server + "\",}";
                assertEquals(5.0, DaemonHarness.value(m, "zkwatch_orphaned_sessions" + labels), m);
                assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(),
                        DaemonHarness.value(m, "zkwatch_orphaned_watches" + labels));
                assertEquals(8.0, DaemonHarness.value(m, "zkwatch_orphan_grace_seconds" + labels));
                for (String hex : expected.keySet()) {
                    assertEquals(1.0, DaemonHarness.value(m, "zkwatch_finding{ensemble=\"leak\",finding="
                            + "\"orphaned_watches\",server=\"" + server + "\",subject=\"" + hex + "\","), hex);
                }
            }

            // A restart forgets every watch; the live sessions come back and re-register theirs.
            s.restart();
            s.awaitServing(Duration.ofSeconds(60));
            api.await(f -> FindingsApi.subjects(f, "orphaned_watches").isEmpty(), Duration.ofSeconds(60),
                    "the orphans gone with the restarted process");
            d.awaitMetrics(x -> DaemonHarness.value(x, "zkwatch_orphaned_sessions{ensemble=\"leak\",server=\""
                    + server + "\",}") == 0.0, Duration.ofSeconds(30), "zero orphans after the restart");
        }
    }

    @Test
    void lazyCleanupOfWatchManagerOptimizedUnderSessionChurnIsNoOrphan() throws Exception {
        try (LocalEnsemble zk = TestEnsembles.standalone(ZkVersions.newest())
                .systemProperty("zookeeper.watchManagerName",
                        "org.apache.zookeeper.server.watch.WatchManagerOptimized")
                .systemProperty("zookeeper.watcherCleanIntervalInSeconds", "10")
                .configEntry("maxSessionTimeout", "6000")
                .start();
             Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir, DaemonHarness.yaml("lazy", zk,
                     "findings:\n  orphan_grace_margin: 2s\n"))) {
            LocalServer s = zk.servers().get(0);
            String server = "127.0.0.1:" + s.clientPort();
            FindingsApi api = new FindingsApi(d, "lazy");
            ZooKeeper admin = clients.connectPinned(s);
            Clients.createTree(admin, "/churn", 3, 1);
            boolean lingered = false;
            List<JsonNode> seen = new ArrayList<>();
            Instant end = Instant.now().plus(Duration.ofSeconds(45));
            while (Instant.now().isBefore(end)) {
                ZooKeeper z = clients.connectFrom("127.0.0.5", s);
                Clients.watchData(z, "/churn/n0", e -> { });
                Clients.watchData(z, "/churn/n1", e -> { });
                String hex = Clients.hexId(z);
                z.close(5_000);
                String wchc = new String(s.fourLetterWord("wchc", Duration.ofSeconds(5)), StandardCharsets.UTF_8);
                lingered |= wchc.contains(hex);
                List<JsonNode> now = api.findings();
                now.stream().filter(f -> f.path("finding").asText().equals("orphaned_watches")).forEach(seen::add);
                Thread.sleep(700);
            }
            assertTrue(lingered, "WatchManagerOptimized should list a closed session's watches until it cleans up");
            assertEquals(List.of(), seen, "lazy clean-up mistaken for orphans");
            JsonNode check = api.ensemble().path("checks").path("orphaned_watches").path(server);
            assertEquals(true, check.path("evaluated").asBoolean(), check.toString());
            assertEquals(6 + 15 + 2, check.path("grace_seconds").asDouble(), 1e-9, check.toString());
            assertTrue(check.path("grace").asText().contains("WatchManagerOptimized cleans dead watchers lazily"),
                    check.toString());
        }
    }
}
