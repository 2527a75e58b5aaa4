package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.ServerStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDump.PathWatchers;
import io.zkwatch.collectors.WatchSummary;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact values stated by the 3.9.6 reference legend (fixtures/3.9.6-LEGEND.md). */
class ReferenceEnsembleValuesTest {

    private static final long A = 0x100007499e30000L;
    private static final long B = 0x100007499e30001L;
    private static final long C = 0x100007499e30002L;
    private static final long D = 0x100007499e30003L;
    private static final long E = 0x200007499990000L;

    private final CollectorCatalog catalog = CollectorCatalog.defaults();

    @Test
    void sessionAHasElevenWatchesOnZk1AndTheOthersAsTheLegendSays() throws CollectorException {
        WatchDump wchc = catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "follower"));
        assertEquals(11, wchc.sessions().get(A).watches());
        assertEquals(5, wchc.sessions().get(B).watches());
        assertEquals(3, wchc.sessions().get(C).watches());
        assertEquals(2, wchc.sessions().get(D).watches());
        assertEquals(4, wchc.distinctSessions());
        assertEquals(72058094835924992L, A, "the AdminServer's decimal id of session A");
    }

    @Test
    void zk1HoldsTwentyOneDataWatchesOnSixteenPathsWhileMntrCountsTwentySeven() throws CollectorException {
        WatchSummary wchs = catalog.wchs().parse(Fixtures.fourLetter("3.9.6", "wchs", "follower"));
        assertEquals(new WatchSummary(4, 16, 21), wchs);
        WatchDump wchp = catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "follower"));
        assertEquals(21, wchp.totalWatches());
        assertEquals(16, wchp.distinctPaths());
        MonitorStats mntr = catalog.mntr().parse(Fixtures.fourLetter("3.9.6", "mntr", "follower"));
        assertEquals(OptionalLong.of(27), mntr.integer("zk_watch_count"));
        assertEquals(27.0, mntr.number("watch_count").orElseThrow());
    }

    @Test
    void theFiveSharedDataPathsAreEachWatchedByTwoSessions() throws CollectorException {
        WatchDump wchp = catalog.wchp().parse(Fixtures.fourLetter("3.9.6", "wchp", "follower"));
        assertEquals(List.of(new PathWatchers("/probe/data/n0", 2), new PathWatchers("/probe/data/n1", 2),
                new PathWatchers("/probe/data/n2", 2), new PathWatchers("/probe/data/n3", 2),
                new PathWatchers("/probe/data/n4", 2)), wchp.topPaths().subList(0, 5));
        assertEquals(1, wchp.topPaths().get(5).watchers());
        assertEquals(Map.of("/probe/data", 18L, "/probe/dir1", 1L, "/probe/tree", 1L, "/probe/persist", 1L),
                wchp.watchesByPrefix());
    }

    @Test
    void zk2HasOnlySessionEWithFiveWatches() throws CollectorException {
        WatchDump wchc = catalog.wchc().parse(Fixtures.fourLetter("3.9.6", "wchc", "zk2"));
        assertEquals(Set.of(E), wchc.sessions().keySet());
        assertEquals(5, wchc.totalWatches());
        assertEquals(List.of("/probe/data/n20", "/probe/data/n21", "/probe/data/n22", "/probe/data/n23",
                "/probe/data/n24"), wchc.sessions().get(E).samplePaths());
        assertEquals(new WatchSummary(1, 5, 5), catalog.wchs().parse(Fixtures.fourLetter("3.9.6", "wchs", "zk2")));
    }

    @Test
    void theLeaderHasNoWatchesAtAll() throws CollectorException {
        assertEquals(new WatchSummary(0, 0, 0),
                catalog.wchs().parse(Fixtures.admin("3.9.6", "watch_summary", "leader")));
    }

    @Test
    void consListsTheQueryingSocketWithoutSessionAndFourSessions() throws CollectorException {
        List<Connection> cons = catalog.cons().parse(Fixtures.fourLetter("3.9.6", "cons", "follower")).connections();
        assertEquals(5, cons.size());
        Connection self = cons.get(0);
        assertTrue(self.sessionId().isEmpty());
        assertTrue(self.lastOperation().isEmpty() && self.lastZxid().isEmpty() && self.maxLatency().isEmpty());
        assertEquals(0, self.interestOps());
        Connection a = cons.get(4);
        assertEquals(OptionalLong.of(A), a.sessionId());
        assertEquals("127.0.0.1", a.address().orElseThrow().host());
        assertEquals(41256, a.address().orElseThrow().port());
        assertEquals(OptionalLong.of(0xb), a.lastCxid());
        assertEquals(OptionalLong.of(0x100000039L), a.lastZxid());
        assertEquals(OptionalInt.of(30000), a.sessionTimeout());
        assertEquals(OptionalLong.of(1795422736395L), a.established());
        assertEquals(OptionalLong.of(6), a.maxLatency());
        assertEquals(13, a.received());
    }

    @Test
    void srvrGivesModeAndCountsOfFollowerAndLeader() throws CollectorException {
        ServerStats f = catalog.srvr().parse(Fixtures.fourLetter("3.9.6", "srvr", "follower"));
        assertEquals(ServerMode.FOLLOWER, f.mode());
        assertEquals(1.5455, f.latencyAvg());
        assertEquals(5, f.connections());
        assertEquals(OptionalLong.of(0x100000039L), f.zxid());
        assertEquals(56, f.nodeCount());
        assertEquals(ServerMode.LEADER, catalog.srvr().parse(Fixtures.fourLetter("3.9.6", "srvr", "leader")).mode());
    }

    @Test
    void confGivesTheThreeParticipantsAndConfigVersionZero() throws CollectorException {
        ServerConfig conf = catalog.conf().parse(Fixtures.fourLetter("3.9.6", "conf", "follower"));
        assertEquals(OptionalLong.of(1), conf.serverId());
        assertEquals(OptionalInt.of(21811), conf.clientPort());
        assertEquals(OptionalInt.of(2000), conf.tickTime());
        assertEquals(OptionalInt.of(4000), conf.minSessionTimeout());
        assertEquals(OptionalInt.of(40000), conf.maxSessionTimeout());
        assertEquals(OptionalLong.of(0), conf.configVersion());
        List<QuorumMember> members = conf.membership().orElseThrow().members();
        assertEquals(List.of(1L, 2L, 3L), members.stream().map(QuorumMember::id).toList());
        assertEquals("127.0.0.1:22883", members.get(2).quorumAddresses().get(0).toString());
        assertEquals(23883, members.get(2).electionAddresses().get(0).port());
        assertTrue(members.stream().allMatch(m -> m.role() == QuorumMember.Role.PARTICIPANT));
    }

    @Test
    void dumpTellsTheLeadersExpiryViewFromAFollowersMirror() throws CollectorException {
        SessionDump leader = catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "leader"));
        assertEquals(SessionDump.Tracker.LEADER_OR_STANDALONE, leader.tracker());
        assertEquals(Set.of(A, B, C, D, E, 0x3000074999e0000L), leader.sessions().keySet());
        SessionDump follower = catalog.dump().parse(Fixtures.fourLetter("3.9.6", "dump", "follower"));
        assertEquals(SessionDump.Tracker.LEARNER, follower.tracker());
        assertFalse(follower.authoritative());
        assertEquals(OptionalInt.of(30000), follower.sessions().get(A).timeoutMs());
        assertEquals(6, follower.sessions().size());
        assertEquals(0, follower.totalEphemerals());
        SessionDump adminFollower = catalog.dump().parse(Fixtures.admin("3.9.6", "dump", "follower"));
        assertEquals(SessionDump.Tracker.UNKNOWN, adminFollower.tracker(), "an empty expiry map is not 'no sessions'");
    }

    @Test
    void isroRuokAndEnviReadTheirOneLiners() throws CollectorException {
        assertFalse(catalog.isro().parse(Fixtures.fourLetter("3.9.6", "isro", "follower")).readOnly());
        assertTrue(catalog.isro().parse(Fixtures.fourLetter("3.9.6", "isro", "synthetic-read-only")).readOnly());
        catalog.ruok().parse(Fixtures.fourLetter("3.9.6", "ruok", "follower"));
        assertEquals("17.0.15",
                catalog.envi().parse(Fixtures.fourLetter("3.9.6", "envi", "follower")).property("java.version")
                        .orElseThrow());
    }
}
