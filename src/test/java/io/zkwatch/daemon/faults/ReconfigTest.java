package io.zkwatch.daemon.faults;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, membership that changes under zkwatch (issue #7, case 11): a real three-member ensemble with dynamic
 * reconfiguration ({@code reconfigEnabled=true}, which {@link LocalEnsemble} sets for quorums; {@code skipACL=yes}
 * so that a plain client may reconfigure) loses a member through {@code reconfig -remove}. zkwatch, given one
 * member and discovering the rest from {@code conf}, stops polling the removed member and says so once; a daemon
 * configured with all three keeps polling it and marks it {@code not_in_membership}.
 */
class ReconfigTest {

    @RegisterExtension
    static final SharedEnsembles RECONFIGURABLE = new SharedEnsembles(v -> TestEnsembles.quorum(v)
            .configEntry("skipACL", "yes"));

    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private static void removeFromTheEnsemble(LocalEnsemble zk, LocalServer leaving) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeperAdmin admin = new ZooKeeperAdmin(zk.leader().connectString(), 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertTrue(connected.await(20, TimeUnit.SECONDS), "admin client connected");
            byte[] config = admin.reconfigure(null, Long.toString(leaving.id()), null, -1, new Stat());
            assertTrue(new String(config, java.nio.charset.StandardCharsets.UTF_8).lines()
                    .noneMatch(l -> l.startsWith("server." + leaving.id() + "=")), "the new membership lacks it");
        } finally {
            admin.close();
        }
    }

    private static boolean polled(Exposition m, String server) {
        return m.has("zookeeper_ensemble_member_info", "server", server);
    }

    @Test
    void aMemberRemovedByReconfigIsNoLongerPolledAndAConfiguredOneIsMarkedNotInMembership() throws Exception {
        LocalEnsemble zk = RECONFIGURABLE.get(ZkVersions.newest());
        LocalServer leader = zk.leader();
        LocalServer leaving = zk.followers().get(0);
        LocalServer staying = zk.followers().get(1);
        Path spool = Files.createDirectories(dir.resolve("spool"));
        try (FaultWatch watch = new FaultWatch();
             DaemonHarness d = DaemonHarness.start(dir.resolve("discovering"), "ensembles:\n"
                     + DaemonHarness.ensemble("reconfig", List.of(address(leader)),
                             "source: 4lw\nspool_dir: \"" + spool + "\""))) {
            d.await(m -> zk.servers().stream().allMatch(s -> m.value("zkwatch_up", "server", address(s))
                    .orElse(0) == 1), WAIT, "all three members found and up");
            assertEquals("discovered", d.scrape().label("zookeeper_ensemble_member_info", "origin", "server",
                    address(leaving)).orElseThrow());
            FaultWatch.othersKeepPolling(d, List.of(address(leader), address(staying), address(leaving)), 2);
            watch.baseline();

            removeFromTheEnsemble(zk, leaving);

            Exposition m = d.await(x -> !polled(x, address(leaving))
                    && x.find("zookeeper_membership_info").size() == 2, WAIT, "the removed member dropped");
            assertTrue(m.find("zkwatch_up", "server", address(leaving)).isEmpty(), m.text());
            assertTrue(m.find("zkwatch_collector_success", "server", address(leaving)).isEmpty(), m.text());
            assertTrue(m.find("zookeeper_membership_info").stream()
                    .noneMatch(s -> s.labels().get("server_id").equals(Long.toString(leaving.id()))), m.text());
            watch.once(Level.INFO, "server=" + address(leaving), "no longer polled", "no longer in the membership");
            FaultWatch.othersKeepPolling(d, List.of(address(leader), address(staying)), 3);
            assertTrue(!polled(d.scrape(), address(leaving)), "it is not found again");
            watch.assertBackToBaseline(spool);
        }
        // Listed by name, the removed member stays polled, and the daemon says it is outside the membership.
        String all = "ensembles:\n" + DaemonHarness.ensemble("listed", zk.servers().stream()
                .map(DaemonHarness::address).toList(), "source: 4lw");
        try (DaemonHarness d = DaemonHarness.start(dir.resolve("listing"), all)) {
            Exposition m = d.await(x -> "not_in_membership".equals(x.label("zookeeper_ensemble_member_info",
                    "origin", "server", address(leaving)).orElse("")), WAIT, "the removed member marked");
            assertEquals("configured", m.label("zookeeper_ensemble_member_info", "origin", "server",
                    address(staying)).orElseThrow());
            assertTrue(m.has("zkwatch_up", "server", address(leaving)), "still polled\n" + m.text());
        }
    }
}
