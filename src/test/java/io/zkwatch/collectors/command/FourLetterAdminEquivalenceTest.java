package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.HostPort;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The 4lw and AdminServer answers of the same server give the same records wherever they describe the same
 * moment (the watch tables did not change between the captures; counters did).
 */
class FourLetterAdminEquivalenceTest {

    private final CollectorCatalog catalog = CollectorCatalog.defaults();

    @Test
    void wchcAndAdminWatchesGiveEqualDumps() throws CollectorException {
        for (String server : List.of("follower", "zk2")) {
            assertEquals(catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", server)),
                    catalog.wchc().parse(Fixtures.admin("3.9.6", "watches", server)), server);
        }
    }

    @Test
    void wchpAndAdminWatchesByPathGiveEqualDumps() throws CollectorException {
        for (String server : List.of("follower", "zk2")) {
            assertEquals(catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", server)),
                    catalog.wchp().parse(Fixtures.admin("3.9.6", "watches_by_path", server)), server);
        }
    }

    @Test
    void oddPathsReadTheSameFromTabbedTextAndEscapedJson() throws CollectorException {
        assertEquals(catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "synthetic-odd-paths")),
                catalog.wchc().parse(Fixtures.admin("3.9.6", "watches", "synthetic-odd-paths")));
        WatchDump byPath = catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "synthetic-odd-paths"));
        assertEquals(byPath, catalog.wchp().parse(Fixtures.admin("3.9.6", "watches_by_path", "synthetic-odd-paths")));
        assertEquals(new WatchDump.PathWatchers("/odd/with space", 2), byPath.topPaths().get(0));
    }

    @Test
    void bySessionAndByPathListingsAgreeOnEverythingButTheirOrder() throws CollectorException {
        WatchDump bySession = catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "follower"));
        WatchDump byPath = catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "follower"));
        assertNotEquals(bySession.order(), byPath.order());
        assertEquals(bySession.sessions(), byPath.sessions());
        assertEquals(bySession.topPaths(), byPath.topPaths());
        assertEquals(bySession.watchesByPrefix(), byPath.watchesByPrefix());
        assertEquals(bySession.distinctPaths(), byPath.distinctPaths());
    }

    @Test
    void smallTopKPicksTheSamePathsFromEitherOrderAndSource() throws CollectorException {
        WatchDumpOptions small = new WatchDumpOptions(3, 1, 2);
        var wchc = new WatchesBySessionCollector(io.zkwatch.collectors.ParseOptions.defaults(), small);
        var wchp = new WatchesByPathCollector(io.zkwatch.collectors.ParseOptions.defaults(), small);
        WatchDump a = wchc.parse(Fixtures.admin("3.9.6", "watches", "follower"));
        WatchDump b = wchp.parse(Fixtures.fourLetter("3.9.6", "wchp", "follower"));
        assertEquals(a.topPaths(), b.topPaths());
        assertEquals(List.of("/probe/data/n0", "/probe/data/n1", "/probe/data/n2"),
                b.topPaths().stream().map(WatchDump.PathWatchers::path).toList());
        assertEquals(Map.of("/probe", 21L), b.watchesByPrefix());
    }

    @Test
    void wchsAndWatchSummaryAgree() throws CollectorException {
        assertEquals(catalog.wchs().parse(Fixtures.fourLetter("3.9.6", "wchs", "follower")),
                catalog.wchs().parse(Fixtures.admin("3.9.6", "watch_summary", "follower")));
    }

    @Test
    void consAndConnectionsAgreeOnSessionsAndAddresses() throws CollectorException {
        Connections four = catalog.cons().parse(Fixtures.fourLetter("3.9.6", "cons", "follower"));
        Connections json = catalog.cons().parse(Fixtures.admin("3.9.6", "connections", "follower"));
        assertEquals(addressBySession(four), addressBySession(json));
        assertEquals(4, json.connections().size());
        assertEquals(Connection.Listener.CLIENT_PORT, json.connections().get(0).listener());
        assertEquals(Connection.Listener.QUERIED_PORT, four.connections().get(0).listener());
    }

    private static Map<Long, String> addressBySession(Connections c) {
        return c.withSession().stream().collect(Collectors.toMap(x -> x.sessionId().getAsLong(),
                x -> x.address().orElseThrow().host() + ":" + x.address().orElseThrow().port()));
    }

    @Test
    void confAndConfigurationPlusVotingViewAgreeOnSettingsAndMembership() throws CollectorException {
        ServerConfig four = catalog.conf().parse(Fixtures.fourLetter("3.9.6", "conf", "follower"));
        ServerConfig.Membership view = catalog.conf().parseVotingView(Fixtures.admin("3.9.6", "voting_view", "follower"));
        ServerConfig json = catalog.conf().parse(Fixtures.admin("3.9.6", "configuration", "follower")).withMembership(view);
        assertEquals(four.serverId(), json.serverId());
        assertEquals(four.clientPort(), json.clientPort());
        assertEquals(four.tickTime(), json.tickTime());
        assertEquals(four.minSessionTimeout(), json.minSessionTimeout());
        assertEquals(four.maxSessionTimeout(), json.maxSessionTimeout());
        assertEquals(four.property("dataDir"), json.property("dataDir"));
        assertEquals(withoutClients(four), withoutClients(json));
        // The one difference: voting_view states the answering member's client address, conf leaves out a
        // client address that came from the static clientPort.
        assertEquals(Optional.of(new HostPort("127.0.0.1", 21811)), view.members().get(0).clientAddress());
        assertEquals(Optional.empty(), four.membership().orElseThrow().members().get(0).clientAddress());
    }

    @Test
    void theOlderStringVotingViewGivesTheSameMembers() throws CollectorException {
        ServerConfig.Membership modern = catalog.conf().parseVotingView(Fixtures.admin("3.9.6", "voting_view", "follower"));
        ServerConfig.Membership older = catalog.conf().parseVotingView(Fixtures.admin("3.7.x", "voting_view", "follower"));
        assertEquals(modern.members().stream().map(QuorumMember::withoutClientAddress).toList(),
                older.members().stream().map(QuorumMember::withoutClientAddress).toList());
    }

    private static List<QuorumMember> withoutClients(ServerConfig c) {
        return c.membership().orElseThrow().members().stream().map(QuorumMember::withoutClientAddress).toList();
    }

    @Test
    void mntrAndMonitorListTheSameKeysInTheSameOrder() throws CollectorException {
        for (String server : List.of("follower", "leader")) {
            MonitorStats four = catalog.mntr().parse(Fixtures.fourLetter("3.9.6", "mntr", server));
            MonitorStats json = catalog.mntr().parse(Fixtures.admin("3.9.6", "monitor", server));
            assertEquals(four.version(), json.version());
            assertEquals(four.serverState(), json.serverState());
            if (server.equals("follower")) {
                assertEquals(List.copyOf(four.values().keySet()), List.copyOf(json.values().keySet()));
            }
        }
    }

    @Test
    void srvrAndServerStatsAgreeOnVersionModeAndNodes() throws CollectorException {
        ServerStats four = catalog.srvr().parse(Fixtures.fourLetter("3.9.6", "srvr", "follower"));
        ServerStats json = catalog.srvr().parse(Fixtures.admin("3.9.6", "server_stats", "follower"));
        assertEquals(four.version(), json.version());
        assertEquals(four.mode(), json.mode());
        assertEquals(four.nodeCount(), json.nodeCount());
        assertEquals(four.zxid(), json.zxid());
    }

    @Test
    void theLeadersDumpIsTheSameRecordFromEitherSource() throws CollectorException {
        SessionDump four = catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "leader"));
        SessionDump json = catalog.dump().parse(Fixtures.admin("3.9.6", "dump", "leader"));
        assertEquals(four, json);
        assertEquals(catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "synthetic-ephemerals")).ephemerals(),
                catalog.dump().parse(Fixtures.admin("3.9.6", "dump", "synthetic-ephemerals")).ephemerals());
    }

    @Test
    void enviAndEnvironmentListTheSameKeys() throws CollectorException {
        Environment four = catalog.envi().parse(Fixtures.fourLetter("3.9.6", "envi", "follower"));
        Environment json = catalog.envi().parse(Fixtures.admin("3.9.6", "environment", "follower"));
        assertEquals(List.copyOf(four.properties().keySet()), List.copyOf(json.properties().keySet()));
        assertEquals(four.zookeeperVersion(), json.zookeeperVersion());
    }
}
