package io.zkwatch.daemon.poll;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.FourLetterProxy;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards around the expensive dumps, against a real server holding real watches: dumps turned off, a watch
 * count above {@code dump_max_watches}, never more than one dump in flight per ensemble, and never two dumps of
 * one member closer than {@code dump_min_interval}.
 */
class DumpPolicyTest {

    @RegisterExtension
    static final SharedEnsembles SINGLE = new SharedEnsembles(TestEnsembles::standalone);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clients CLIENTS = new Clients();
    private static LocalServer zk;
    private static String session;

    @TempDir
    Path dir;

    @BeforeAll
    static void threeDataWatches() throws Exception {
        zk = SINGLE.get(ZkVersions.newest()).servers().get(0);
        ZooKeeper c = CLIENTS.connectPinned(zk);
        for (int i = 0; i < 3; i++) {
            Clients.create(c, "/dumps/n" + i, "x");
            Clients.watchData(c, "/dumps/n" + i, e -> { });
        }
        session = Clients.hexId(c);
    }

    @org.junit.jupiter.api.AfterAll
    static void closeClients() {
        CLIENTS.close();
    }

    private static JsonNode wchcStatus(DaemonHarness d, String ensemble) throws Exception {
        JsonNode e = JSON.readTree(d.get("/api/v1/ensembles/" + ensemble).body());
        return e.path("members").get(0).path("commands").path("wchc");
    }

    @Test
    void dumpsTurnedOffAreReportedSkippedAndExportNoSessionSeries() throws Exception {
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("nodumps", List.of(address(zk)), "dumps: false");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> x.has("zkwatch_collector_failure", "collector", "wchc", "reason", "skipped")
                    && x.has("zookeeper_watches", "type", "data"), WAIT, "wchc skipped");
            for (String c : List.of("wchc", "wchp", "dump")) {
                assertEquals(1.0, m.value("zkwatch_collector_failure", "collector", c, "reason", "skipped")
                        .orElseThrow(), c);
                assertEquals(0.0, m.value("zkwatch_collector_success", "collector", c).orElseThrow(), c);
            }
            for (String family : List.of("zookeeper_session_watches", "zookeeper_watching_sessions",
                    "zookeeper_path_watchers", "zookeeper_path_prefix_watches", "zookeeper_client_watches")) {
                assertTrue(m.find(family).isEmpty(), family + " must be absent, not zero\n" + m.text());
            }
            assertEquals(3.0, m.value("zookeeper_watches", "type", "data").orElseThrow(),
                    "the cheap poll still counts the watches");
            assertTrue(wchcStatus(d, "nodumps").path("message").asText().contains("dumps: false"));
        }
    }

    @Test
    void aWatchCountAboveDumpMaxWatchesSkipsTheDumpAndSaysWhy() throws Exception {
        // One address may be in one ensemble only: the second reaches the same server through a proxy.
        try (FourLetterProxy proxy = FourLetterProxy.alias(zk.clientPort());
             DaemonHarness d = DaemonHarness.start(dir, "ensembles:\n"
                     + DaemonHarness.ensemble("small", List.of(address(zk)), "dump_max_watches: 2")
                     + DaemonHarness.ensemble("roomy", List.of(proxy.address()), "dump_max_watches: 3"))) {
            Exposition m = d.await(x -> x.has("zkwatch_collector_failure", "ensemble", "small", "collector", "wchc",
                    "reason", "skipped") && x.has("zookeeper_session_watches", "ensemble", "roomy"), WAIT,
                    "small skipped and roomy dumped");
            assertTrue(m.find("zookeeper_session_watches", "ensemble", "small").isEmpty(), m.text());
            assertEquals(3.0, m.value("zookeeper_session_watches", "ensemble", "roomy", "session", session)
                    .orElseThrow(), "at the limit the dump still runs");
            String message = wchcStatus(d, "small").path("message").asText();
            assertTrue(message.contains("3 watches") && message.contains("dump_max_watches=2")
                    && message.contains("allow_large_dumps"), message);
        }
    }

    @Test
    void noMemberIsDumpedMoreOftenThanDumpMinIntervalWhateverTheJitter() throws Exception {
        // A 3 s base with +-50 % jitter would schedule some dumps 1.5 s apart; the 2 s floor must hold them off.
        FourLetterProxy.Traffic traffic = new FourLetterProxy.Traffic();
        try (FourLetterProxy proxy = FourLetterProxy.start(zk.clientPort(), traffic, Duration.ZERO)) {
            String yaml = """
                    ensembles:
                      - name: floored
                        members: ["%s"]
                        poll_interval: 1s
                        dump_interval: 3s
                        dump_jitter: 0.5
                        dump_min_interval: 2s
                        timeout: 3s
                        connect_timeout: 1s
                        discover: false
                        admin: { enabled: false }
                    """.formatted(proxy.address());
            try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
                Instant end = Instant.now().plus(Duration.ofSeconds(40));
                while (traffic.wchcStarts().size() < 7 && Instant.now().isBefore(end)) {
                    Thread.sleep(100);
                }
            }
            List<Instant> starts = traffic.wchcStarts();
            assertTrue(starts.size() >= 7, "wchc dumps seen: " + starts.size());
            for (int i = 1; i < starts.size(); i++) {
                Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
                // The floor is measured from the dump loop's tick just before the dump; allow its scheduling noise.
                assertTrue(gap.compareTo(Duration.ofMillis(1900)) >= 0, "dumps " + i + " and " + (i + 1)
                        + " were only " + gap.toMillis() + " ms apart: " + starts);
            }
        }
    }

    @Test
    void atMostOneDumpIsInFlightPerEnsemble() throws Exception {
        // Three members that are one server behind three proxies: the proxies see every command, hold each
        // for a moment (widening any overlap) and count how many dumps are in flight at once.
        FourLetterProxy.Traffic traffic = new FourLetterProxy.Traffic();
        List<FourLetterProxy> proxies = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                proxies.add(FourLetterProxy.start(zk.clientPort(), traffic, Duration.ofMillis(150)));
            }
            String yaml = "ensembles:\n" + DaemonHarness.ensemble("serial",
                    proxies.stream().map(FourLetterProxy::address).toList(), "discover: false");
            try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
                Instant end = Instant.now().plus(WAIT);
                while (traffic.dumps() < 18 && Instant.now().isBefore(end)) {
                    Thread.sleep(100);
                }
                assertTrue(traffic.dumps() >= 18, "dumps seen: " + traffic.dumps());
                assertEquals(1, traffic.mostDumpsAtOnce(), "dumps in flight at once");
                assertTrue(traffic.mostCheapAtOnce() >= 2,
                        "the proxies do see overlap: cheap polls of different members run at once ("
                                + traffic.mostCheapAtOnce() + ")");
                Exposition m = d.scrape();
                for (FourLetterProxy p : proxies) {
                    assertEquals(3.0, m.value("zookeeper_session_watches", "server", p.address(), "session",
                            session).orElseThrow(), m.text());
                }
                assertFalse(m.has("zkwatch_collector_failure", "collector", "wchc"), m.text());
            }
        } finally {
            for (FourLetterProxy p : proxies) {
                p.close();
            }
        }
    }
}
