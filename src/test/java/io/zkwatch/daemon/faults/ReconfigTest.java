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
import java.nio.charset.StandardCharsets;
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
 * configured with all three keeps polling it and marks it {@code not_in_membership}. Added back by
 * {@code reconfig -add}, it is found in {@code conf} and polled again.
 */
class ReconfigTest {

    @RegisterExtension
    static final SharedEnsembles RECONFIGURABLE = new SharedEnsembles(v -> TestEnsembles.quorum(v)
            .configEntry("skipACL", "yes"));

    private static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    /** Runs {@code reconfig} through a plain client ({@code skipACL=yes}) and returns the new membership. */
    private static String reconfigure(LocalEnsemble zk, String joining, String leaving) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeperAdmin admin = new ZooKeeperAdmin(zk.leader().connectString(), 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertTrue(connected.await(20, TimeUnit.SECONDS), "admin client connected");
            return new String(admin.reconfigure(joining, leaving, null, -1, new Stat()), StandardCharsets.UTF_8);
        } finally {
            admin.close();
        }
    }

    private static boolean polled(Exposition m, String server) {
        return m.has("zookeeper_ensemble_member_info", "server", server);
    }

    @Test
    void aMemberRemovedByReconfigIsNoLongerPolledAndOneAddedIsFound() throws Exception {
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

            String removed = reconfigure(zk, null, Long.toString(leaving.id()));
            assertTrue(removed.lines().noneMatch(l -> l.startsWith("server." + leaving.id() + "=")), removed);

            Exposition m = d.await(x -> !polled(x, address(leaving))
                    && x.find("zookeeper_membership_info").size() == 2, WAIT, "the removed member dropped");
            assertTrue(m.find("zkwatch_up", "server", address(leaving)).isEmpty(), m.text());
            assertTrue(m.find("zkwatch_collector_success", "server", address(leaving)).isEmpty(), m.text());
            assertTrue(m.find("zookeeper_membership_info").stream()
                    .noneMatch(s -> s.labels().get("server_id").equals(Long.toString(leaving.id()))), m.text());
            watch.once(Level.INFO, "server=" + address(leaving), "no longer polled", "no longer in the membership");
            FaultWatch.othersKeepPolling(d, List.of(address(leader), address(staying)), 3);
            assertTrue(!polled(d.scrape(), address(leaving)), "it is not found again");
            listedByNameTheRemovedMemberIsMarkedNotInMembership(zk, leaving, staying);

            reconfigure(zk, "server." + leaving.id() + "=127.0.0.1:" + leaving.quorumPort() + ":"
                    + leaving.electionPort() + ":participant;127.0.0.1:" + leaving.clientPort(), null);
            Exposition back = d.await(x -> "discovered".equals(x.label("zookeeper_ensemble_member_info", "origin",
                    "server", address(leaving)).orElse("")) && x.value("zkwatch_up", "server", address(leaving))
                    .orElse(0) == 1 && x.find("zookeeper_membership_info").size() == 3, WAIT,
                    "the member added by reconfig found and polled");
            assertEquals(1.0, back.find("zookeeper_leader").stream().mapToDouble(Exposition.Sample::value).sum());
            assertEquals(2, watch.lines(Level.INFO, "server=" + address(leaving), "polling: found as server."
                    + leaving.id()).size(), String.join("\n", watch.all()));
            FaultWatch.othersKeepPolling(d, zk.servers().stream().map(DaemonHarness::address).toList(), 2);
            watch.assertBackToBaseline(spool);
        }
    }

    /** Listed by name, a removed member stays polled, and the daemon says it is outside the membership. */
    private void listedByNameTheRemovedMemberIsMarkedNotInMembership(LocalEnsemble zk, LocalServer removed,
                                                                    LocalServer staying) throws Exception {
        String all = "ensembles:\n" + DaemonHarness.ensemble("listed", zk.servers().stream()
                .map(DaemonHarness::address).toList(), "source: 4lw");
        try (DaemonHarness d = DaemonHarness.start(dir.resolve("listing"), all)) {
            Exposition m = d.await(x -> "not_in_membership".equals(x.label("zookeeper_ensemble_member_info",
                    "origin", "server", address(removed)).orElse("")), WAIT, "the removed member marked");
            assertEquals("configured", m.label("zookeeper_ensemble_member_info", "origin", "server",
                    address(staying)).orElseThrow());
            assertTrue(m.has("zkwatch_up", "server", address(removed)), "still polled\n" + m.text());
        }
    }
}
