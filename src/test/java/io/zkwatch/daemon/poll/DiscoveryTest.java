package io.zkwatch.daemon.poll;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members found in the ensemble's own membership ({@code conf}) are polled too, whether the membership lines carry
 * client addresses ({@code server.N=...;host:port}, dynamic reconfiguration) or not (a static {@code clientPort},
 * as in configurations written for 3.4); a configured address the membership does not list is reported as such.
 */
class DiscoveryTest {

    @RegisterExtension
    static final SharedEnsembles DYNAMIC = new SharedEnsembles(TestEnsembles::quorum);
    @RegisterExtension
    static final SharedEnsembles STATIC = new SharedEnsembles(v -> TestEnsembles.quorum(v).staticClientPorts());
    @RegisterExtension
    static final SharedEnsembles SINGLE = new SharedEnsembles(TestEnsembles::standalone);

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static String origin(Exposition m, String server) {
        return m.label("zookeeper_ensemble_member_info", "origin", "server", server).orElse("absent");
    }

    private static boolean allPolledAndUp(Exposition m, List<LocalServer> servers) {
        return servers.stream().allMatch(s -> m.value("zkwatch_up", "server", address(s)).orElse(0) == 1);
    }

    @Test
    void conf_printsClientAddressesOnlyWhenTheMembershipCarriesThem() throws Exception {
        String dynamic = new String(DYNAMIC.get(ZkVersions.newest()).servers().get(0)
                .fourLetterWord("conf", Duration.ofSeconds(5)), StandardCharsets.UTF_8);
        String stat = new String(STATIC.get(ZkVersions.newest()).servers().get(0)
                .fourLetterWord("conf", Duration.ofSeconds(5)), StandardCharsets.UTF_8);
        assertTrue(dynamic.lines().filter(l -> l.startsWith("server.")).allMatch(l -> l.contains(";127.0.0.1:")),
                dynamic);
        assertTrue(stat.lines().filter(l -> l.startsWith("server.")).noneMatch(l -> l.contains(";")), stat);
        assertEquals(3, stat.lines().filter(l -> l.startsWith("server.")).count(), stat);
    }

    @Test
    void pollsEveryMemberOfAQuorumConfiguredWithOneWhoseMembershipNamesClientAddresses() throws Exception {
        pollsEveryMemberWhenConfiguredWithOne(DYNAMIC.get(ZkVersions.newest()));
    }

    /**
     * Without client addresses in the membership, another member's client port is unknowable from {@code conf}:
     * zkwatch guesses the member's quorum host with the reporter's client port, right where every member has a
     * host of its own (see {@code MembershipPlanTest}). Here all three share one host, so every guess is the
     * reporter itself: zkwatch polls what it was given, invents nothing, and the membership it exports shows the
     * two members it cannot reach.
     */
    @Test
    void aStaticMembershipOnOneHostInventsNoMemberAndShowsTheWholeMembership() throws Exception {
        LocalEnsemble zk = STATIC.get(ZkVersions.newest());
        LocalServer first = zk.servers().get(0);
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("onehost", List.of(address(first)), "");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> x.find("zookeeper_membership_info").size() == 3, WAIT, "the membership");
            Instant end = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(end)) {
                m = d.scrape();
                assertEquals(List.of(address(first)), m.find("zookeeper_ensemble_member_info").stream()
                        .map(x -> x.labels().get("server")).toList(), m.text());
                assertEquals("configured", origin(m, address(first)));
                Thread.sleep(250);
            }
            assertTrue(m.find("zookeeper_membership_info").stream()
                    .allMatch(x -> x.labels().get("client_address").isEmpty()), m.text());
        }
    }

    private void pollsEveryMemberWhenConfiguredWithOne(LocalEnsemble zk) throws Exception {
        LocalServer first = zk.servers().get(0);
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("found", List.of(address(first)), "");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> allPolledAndUp(x, zk.servers()), WAIT, "all three members up");
            assertEquals("configured", origin(m, address(first)));
            for (LocalServer s : zk.servers().subList(1, 3)) {
                assertEquals("discovered", origin(m, address(s)), address(s) + "\n" + m.text());
            }
            assertEquals(3, m.find("zookeeper_ensemble_member_info", "ensemble", "found").size(), m.text());
            assertEquals(1.0, m.find("zookeeper_leader").stream().mapToDouble(Exposition.Sample::value).sum(),
                    "exactly one leader among the polled members");
        }
    }

    @Test
    void aConfiguredAddressOutsideTheMembershipIsReportedAsNotInMembership() throws Exception {
        LocalEnsemble zk = DYNAMIC.get(ZkVersions.newest());
        LocalServer stray = SINGLE.get(ZkVersions.newest()).servers().get(0);
        LocalServer first = zk.servers().get(0);
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("mixed", List.of(address(first), address(stray)), "");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            Exposition m = d.await(x -> "not_in_membership".equals(origin(x, address(stray)))
                    && allPolledAndUp(x, zk.servers()), WAIT, "the stray member marked");
            assertEquals("configured", origin(m, address(first)));
            assertEquals(1.0, m.value("zkwatch_up", "server", address(stray)).orElseThrow(),
                    "the stray is still polled and reported");
        }
    }

    @Test
    void everyConfiguredMemberOfAStaticMembershipStaysConfigured() throws Exception {
        LocalEnsemble zk = STATIC.get(ZkVersions.newest());
        List<String> all = zk.servers().stream().map(DaemonHarness::address).toList();
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("static", all, "");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            d.await(x -> allPolledAndUp(x, zk.servers()), WAIT, "all three members up");
            // Watch several poll rounds: each member's own conf is read every second and must not make another
            // configured member look like a stranger.
            Instant end = Instant.now().plusSeconds(4);
            while (Instant.now().isBefore(end)) {
                Exposition m = d.scrape();
                for (String s : all) {
                    assertEquals("configured", origin(m, s), s + "\n" + m.text());
                }
                assertEquals(3, m.find("zookeeper_ensemble_member_info").size(), m.text());
                assertFalse(m.text().contains("origin=\"discovered\""), m.text());
                Thread.sleep(250);
            }
        }
    }
}
