package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connection.ClientAddress;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.HostPort;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.ServerStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Output variants across versions, factories, JVMs and configurations. */
class FormatVariantsTest {

    private final CollectorCatalog catalog = CollectorCatalog.defaults();

    @Test
    void consReadsJava8AndJava14Ipv6AndHostnameForms() throws CollectorException {
        List<Connection> c = catalog.cons().parse(Fixtures.fourLetter("3.9.6", "cons", "synthetic-address-forms"))
                .connections();
        assertEquals(new ClientAddress(Optional.empty(), Optional.of("0:0:0:0:0:0:0:1"), 52884), c.get(0).address().orElseThrow());
        assertEquals(new ClientAddress(Optional.empty(), Optional.of("0:0:0:0:0:0:0:1"), 52885), c.get(1).address().orElseThrow());
        assertEquals(new ClientAddress(Optional.of("client7.example.org"), Optional.of("10.1.2.3"), 41000),
                c.get(2).address().orElseThrow());
        assertTrue(c.get(1).lastCxid().isEmpty(), "lcxid is omitted when negative, and then absent, not 0");
        assertEquals(OptionalLong.of(0xff00007499e30001L), c.get(2).sessionId());
        assertEquals(OptionalLong.of(-1), c.get(2).lastZxid());
        assertEquals(5, c.get(2).interestOps());
        assertEquals(Optional.of("SETW"), c.get(2).lastOperation());
    }

    @Test
    void adminConnectionsIncludeSecureOnesAndTreatSessionZeroAsNone() throws CollectorException {
        List<Connection> c = catalog.cons().parse(Fixtures.admin("3.9.6", "connections", "synthetic-secure"))
                .connections();
        assertEquals(2, c.size());
        assertEquals(Connection.Listener.CLIENT_PORT, c.get(0).listener());
        assertTrue(c.get(0).sessionId().isEmpty() && c.get(0).lastCxid().isEmpty() && c.get(0).established().isEmpty());
        assertEquals("0:0:0:0:0:0:0:1", c.get(0).address().orElseThrow().host());
        Connection secure = c.get(1);
        assertEquals(Connection.Listener.SECURE_CLIENT_PORT, secure.listener());
        assertEquals(Optional.of("client7.example.org"), secure.address().orElseThrow().hostName());
        assertEquals(OptionalLong.of(-72057594037796863L), secure.sessionId());
        assertEquals(OptionalInt.of(40000), secure.sessionTimeout());
    }

    @Test
    void confReadsMultiAddressIpv6ObserversAndAHexVersion() throws CollectorException {
        ServerConfig conf = catalog.conf().parse(Fixtures.fourLetter("3.9.6", "conf", "synthetic-multi-address"));
        assertEquals(OptionalLong.of(0x100000003L), conf.configVersion());
        List<QuorumMember> m = conf.membership().orElseThrow().members();
        assertEquals(List.of(new HostPort("0:0:0:0:0:0:0:1", 22881), new HostPort("10.0.0.1", 22881)),
                m.get(0).quorumAddresses());
        assertEquals(Optional.of(new HostPort("0:0:0:0:0:0:0:1", 21811)), m.get(0).clientAddress());
        assertEquals(QuorumMember.Role.OBSERVER, m.get(2).role());
        assertEquals(4, m.get(2).id());
        assertEquals("[0:0:0:0:0:0:0:1]:22881", m.get(0).quorumAddresses().get(0).toString());
    }

    @Test
    void aStandaloneServerHasAnEmptyMembershipNotAnUnknownOne() throws CollectorException {
        ServerConfig conf = catalog.conf().parse(Fixtures.fourLetter("3.9.6", "conf", "synthetic-standalone"));
        assertEquals(List.of(), conf.membership().orElseThrow().members());
        assertEquals(OptionalLong.of(0), conf.serverId());
        assertEquals(List.of(), catalog.conf().parseVotingView(
                Fixtures.admin("3.9.6", "voting_view", "synthetic-standalone")).members());
        assertTrue(catalog.conf().parse(Fixtures.admin("3.9.6", "configuration", "follower")).membership().isEmpty(),
                "configuration alone does not know the membership");
        assertEquals(Optional.of("-1"),
                catalog.conf().parse(Fixtures.admin("3.9.6", "configuration", "follower"))
                        .property("clientPortListenBacklog"));
    }

    @Test
    void dumpKeepsLocalAndGlobalSessionsApartAndCountsEphemerals() throws CollectorException {
        SessionDump local = catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "synthetic-local-sessions-leader"));
        assertEquals(SessionDump.Tracker.LEADER_OR_STANDALONE, local.tracker());
        assertTrue(local.sessions().get(0x3000074999e0005L).local());
        assertFalse(local.sessions().get(0x100007499e30000L).local());
        SessionDump eph = catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "synthetic-ephemerals"));
        assertEquals(4, eph.totalEphemerals());
        assertEquals(List.of("/locks/lock-0000000001", "/members/m-1", "/odd/café \"x\""),
                eph.ephemerals().get(0x100007499e30000L).samplePaths());
        assertEquals(OptionalInt.of(4000), eph.sessions().get(0x100007499e30001L).timeoutMs());
        assertEquals(catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "follower")),
                catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "synthetic-netty")),
                "the Netty factory prints no connection sets; nothing else changes");
    }

    @Test
    void mntrKeepsUnknownKeysAndStructuredValues() throws CollectorException {
        MonitorStats future = catalog.mntr().parse(Fixtures.fourLetter("3.9.6", "mntr", "synthetic-future-keys"));
        assertEquals(OptionalDouble.of(42), future.number("zk_some_future_gauge"));
        assertEquals(Optional.of("not a number, with\ttab"), future.text("some_future_text"));
        assertTrue(future.number("null_valued").isEmpty());
        List<String> keys = List.copyOf(future.values().keySet());
        assertEquals("null_valued", keys.get(keys.size() - 1), "order kept, unknown keys last as printed");
        MonitorStats json = catalog.mntr().parse(Fixtures.admin("3.9.6", "monitor", "synthetic-nonscalar"));
        assertEquals(Optional.of("{\"p50\":1,\"p99\":[2,3]}"), json.text("future_histogram"));
        assertEquals(Optional.of("true"), json.text("future_flag"));
        assertEquals(Optional.of("0.0"), json.text("connection_drop_probability"), "numbers kept as written");
    }

    @Test
    void threeFiveOutputsParse() throws CollectorException {
        MonitorStats mntr = catalog.mntr().parse(Fixtures.fourLetter("3.5.x", "mntr", "leader"));
        assertEquals(ServerMode.LEADER, mntr.mode());
        assertEquals(OptionalLong.of(2), mntr.integer("followers"));
        assertTrue(mntr.text("peer_state").isEmpty());
        ServerStats srvr = catalog.srvr().parse(Fixtures.fourLetter("3.5.x", "srvr", "follower"));
        assertEquals(1.0, srvr.latencyAvg());
        ServerConfig conf = catalog.conf().parse(Fixtures.fourLetter("3.5.x", "conf", "follower"));
        assertEquals(Optional.of(new HostPort("0.0.0.0", 21813)),
                conf.membership().orElseThrow().members().get(2).clientAddress());
        assertEquals("0:0:0:0:0:0:0:1", catalog.cons().parse(Fixtures.fourLetter("3.5.x", "cons", "follower"))
                .connections().get(0).address().orElseThrow().host());
    }

    @Test
    void readOnlySrvrReportsItsMode() throws CollectorException {
        ServerStats ro = catalog.srvr().parse(Fixtures.fourLetter("3.9.6", "srvr", "synthetic-read-only"));
        assertEquals(ServerMode.READ_ONLY, ro.mode());
    }

    @Test
    void crlfRepliesReadLikeLfOnes() throws CollectorException {
        assertEquals(catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "follower")),
                catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "synthetic-crlf")));
        assertEquals(catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "follower")),
                catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "synthetic-crlf")));
        assertEquals(catalog.mntr().parse(Fixtures.fourLetter("3.9.6", "mntr", "follower")),
                catalog.mntr().parse(Fixtures.fourLetter("3.9.6", "mntr", "synthetic-crlf")));
    }

    @Test
    void emptyGroupsAndEmptyServersAreRealZerosNotFailures() throws CollectorException {
        WatchDump odd = catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "synthetic-odd-paths"));
        assertEquals(0, odd.sessions().get(0x100007499e30006L).watches(), "a session whose watches all fired");
        WatchDump dead = catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "synthetic-path-without-watchers"));
        assertEquals(2, dead.distinctPaths());
        assertEquals(1, dead.totalWatches());
        WatchDump empty = catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "synthetic-empty-server"));
        assertEquals(0, empty.totalWatches());
        assertEquals(empty.sessions(), catalog.wchc().parse(Fixtures.admin("3.9.6", "watches", "synthetic-empty-server"))
                .sessions());
    }

    @Test
    void systemPropertiesCarryTheWatchManagerSettingsThatEnviLacks() throws CollectorException {
        Environment envi = catalog.envi().parse(Fixtures.fourLetter("3.9.6", "envi", "follower"));
        assertTrue(envi.watchManagerName().isEmpty());
        Environment sysp = catalog.systemProperties().parse(Fixtures.admin("3.9.6", "system_properties", "follower"));
        assertEquals(Optional.of("*"), sysp.property("zookeeper.4lw.commands.whitelist"));
        Environment tuned = new Environment(java.util.Map.of(Environment.WATCH_MANAGER_NAME,
                "org.apache.zookeeper.server.watch.WatchManagerOptimized", Environment.WATCHER_CLEAN_THRESHOLD, "500",
                Environment.WATCHER_CLEAN_INTERVAL, "60"));
        assertEquals(OptionalLong.of(500), tuned.watcherCleanThreshold());
        assertEquals(OptionalLong.of(60), tuned.watcherCleanIntervalSeconds());
    }
}
