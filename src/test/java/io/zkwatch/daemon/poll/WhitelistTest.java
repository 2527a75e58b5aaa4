package io.zkwatch.daemon.poll;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.faults.FaultWatch;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose {@code 4lw.commands.whitelist} refuses {@code cons} and {@code wchc}: the member is up, the
 * refusal is a typed failure, and what could not be read is absent, never zero. With {@code source: auto} and
 * the member's AdminServer configured, the refused commands are read from the AdminServer instead.
 */
class WhitelistTest {

    private static final String WHITELIST = "mntr,srvr,conf,wchs,wchp,envi,ruok,isro,dump";

    @RegisterExtension
    static final SharedEnsembles RESTRICTED = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .whitelist(WHITELIST));

    @RegisterExtension
    static final SharedEnsembles SRVR_AND_MNTR = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .whitelist("srvr,mntr"));

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What cons and wchc feed; none of it may appear as a zero when they are refused. */
    private static final List<String> FROM_CONS_OR_WCHC = List.of("zookeeper_session_connections",
            "zookeeper_connection_share", "zookeeper_client_hosts", "zookeeper_client_connections",
            "zookeeper_client_watches", "zookeeper_session_watches", "zookeeper_watching_sessions");
    private static final Clients CLIENTS = new Clients();
    private static LocalServer zk;
    private static String session;

    @TempDir
    Path dir;

    @BeforeAll
    static void aSessionWithWatches() throws Exception {
        zk = RESTRICTED.get(ZkVersions.newest()).servers().get(0);
        ZooKeeper c = CLIENTS.connectPinned(zk);
        for (int i = 0; i < 4; i++) {
            Clients.create(c, "/wl/n" + i, "x");
            Clients.watchData(c, "/wl/n" + i, e -> { });
        }
        session = Clients.hexId(c);
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean refused(Exposition m, String collector) {
        return m.has("zkwatch_collector_failure", "collector", collector, "reason", "not_whitelisted");
    }

    private void assertRefusedAndAbsent(String extraSettings) throws Exception {
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("wl", List.of(address(zk)), extraSettings);
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> refused(x, "cons") && refused(x, "wchc")
                    && x.has("zookeeper_path_watchers", "path", "/wl/n0"), WAIT, "cons and wchc refused");
            assertEquals(1.0, m.value("zkwatch_up").orElseThrow(), "a refusal is still an answer");
            assertEquals(0.0, m.value("zkwatch_collector_success", "collector", "cons").orElseThrow());
            assertEquals(0.0, m.value("zkwatch_collector_success", "collector", "wchc").orElseThrow());
            assertEquals(1.0, m.value("zkwatch_collector_success", "collector", "wchp").orElseThrow());
            for (String family : FROM_CONS_OR_WCHC) {
                assertTrue(m.find(family).isEmpty(), family + " must be absent, not zero\n" + m.text());
            }
            assertEquals(4.0, m.value("zookeeper_watches", "type", "data").orElseThrow());
        }
    }

    @Test
    void refusedCommandsAreTypedFailuresAndNeverZeroes() throws Exception {
        assertRefusedAndAbsent("source: 4lw");
    }

    @Test
    void anUnreachableAdminServerDoesNotHideTheWhitelistRefusal() throws Exception {
        // source: auto falls back to the AdminServer, which here is not listening: the reason to report is
        // still the refusal, the root cause an operator can fix.
        assertRefusedAndAbsent("source: auto\nadmin: { enabled: true, port: " + closedPort() + " }");
    }

    @Test
    void withSourceAutoTheRefusedCommandsAreReadFromTheAdminServer() throws Exception {
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("auto", List.of(address(zk)), "source: auto\n"
                + "member_overrides:\n  \"" + address(zk) + "\": { admin_url: \"http://127.0.0.1:" + zk.adminPort()
                + "\" }");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> x.has("zookeeper_session_watches", "session", session), WAIT,
                    "the session's watches read from the AdminServer");
            assertEquals(4.0, m.value("zookeeper_session_watches", "session", session).orElseThrow());
            assertEquals("127.0.0.1", m.label("zookeeper_session_watches", "client", "session", session)
                    .orElseThrow(), "joined with connections from the AdminServer");
            assertEquals(1.0, m.value("zkwatch_collector_success", "collector", "cons").orElseThrow());
            assertEquals(1.0, m.value("zkwatch_collector_success", "collector", "wchc").orElseThrow());
            assertTrue(m.find("zkwatch_collector_failure", "reason", "not_whitelisted").isEmpty(), m.text());
            assertTrue(m.value("zkwatch_collector_duration_seconds_count", "collector", "wchc", "source", "admin",
                    "result", "success").orElse(0) >= 1, m.text());
            assertEquals(1.0, m.value("zookeeper_client_hosts").orElseThrow());
        }
    }

    /**
     * The strictest useful whitelist (fault matrix, issue #7 case 6): only {@code srvr} and {@code mntr}. The member
     * is up, every other command is reported refused, each refusal is logged once however many polls it lasts, and
     * nothing the refused commands feed appears, not even as zero.
     */
    @Test
    void onlySrvrAndMntrAllowedKeepsTheMemberUpAndLogsEachRefusalOnce() throws Exception {
        LocalServer strict = SRVR_AND_MNTR.get(ZkVersions.newest()).servers().get(0);
        String server = address(strict);
        List<String> refusedCommands = List.of("conf", "wchs", "cons", "wchc", "wchp", "dump");
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("strict", List.of(server), "source: 4lw");
        try (FaultWatch watch = new FaultWatch(); DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> refusedCommands.stream().allMatch(c -> refused(x, c)), WAIT,
                    "every command but srvr and mntr refused");
            assertEquals(1.0, m.value("zkwatch_up", "server", server).orElseThrow(), m.text());
            assertEquals(1.0, m.value("zkwatch_collector_success", "collector", "mntr").orElseThrow());
            assertEquals(1.0, m.value("zkwatch_collector_success", "collector", "srvr").orElseThrow());
            assertTrue(m.value("zookeeper_znodes", "server", server).orElse(0) > 0, "mntr still read\n" + m.text());
            for (String family : List.of("zookeeper_watches", "zookeeper_watched_paths", "zookeeper_path_watchers",
                    "zookeeper_membership_info")) {
                assertTrue(m.find(family).isEmpty(), family + " must be absent, not zero\n" + m.text());
            }
            for (String family : FROM_CONS_OR_WCHC) {
                assertTrue(m.find(family).isEmpty(), family + " must be absent, not zero\n" + m.text());
            }
            FaultWatch.othersKeepPolling(d, List.of(server), 3);
            for (String c : refusedCommands) {
                watch.once(Level.WARN, "server=" + server, "command=" + c + " failing (not_whitelisted)");
            }
            assertTrue(watch.lines(Level.WARN, "member down").isEmpty(), String.join("\n", watch.all()));
        }
    }
}
