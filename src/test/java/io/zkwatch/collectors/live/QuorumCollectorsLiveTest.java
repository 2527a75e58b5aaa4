package io.zkwatch.collectors.live;

import static io.zkwatch.collectors.live.LiveAssertions.addressesBySession;
import static io.zkwatch.collectors.live.LiveAssertions.assertFails;
import static io.zkwatch.collectors.live.LiveAssertions.hostsBySession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.HostPort;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.RuokStatus;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.ServerStats;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.live.LiveLoad.Kind;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every collector over plain four-letter words and over AdminServer HTTP against a live 3-node quorum under
 * real client load: five sessions pinned to a follower ("busy") and to the leader, from four client hosts,
 * with data watches (getData, exists on a present and a missing node), child watches, persistent and
 * persistent-recursive watches, and ephemerals. The third member ("idle") has no client at all.
 *
 * <p>Every expected value comes from {@link LiveLoad}, i.e. from what this test did. One quorum per version,
 * started once for all methods; the last three methods pause and kill members, so they run last.
 */
@ParameterizedClass(name = "ZooKeeper {0}")
@MethodSource("io.zkwatch.harness.ZkVersions#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuorumCollectorsLiveTest {

    private static final CollectorCatalog CATALOG = CollectorCatalog.defaults();
    private static final WatchDumpOptions DUMP = WatchDumpOptions.defaults();
    private static final Limits LIMITS = Limits.defaults();
    /** A JVM setting the test gives every member, read back through {@code system_properties}. */
    private static final String CLEAN_THRESHOLD = "4321";
    /** How far past its deadline a timed-out call may return on a busy 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(750);

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(v -> TestEnsembles.quorum(v)
            .systemProperty(Environment.WATCHER_CLEAN_THRESHOLD, CLEAN_THRESHOLD));

    private static LocalEnsemble ensemble;
    private static LiveLoad load;
    private static LocalServer leader;
    private static LocalServer busy;
    private static LocalServer idle;
    private static long nodes;

    private final String version;

    QuorumCollectorsLiveTest(String version) {
        this.version = version;
    }

    @BeforeParameterizedClassInvocation
    static void startLoadedQuorum(String version) throws Exception {
        ensemble = QUORUM.get(version);
        leader = ensemble.leader();
        busy = ensemble.followers().get(0);
        idle = ensemble.followers().get(1);
        load = new LiveLoad(version);
        ZooKeeper s1 = load.connect("127.0.0.2", busy);
        ZooKeeper s2 = load.connect("127.0.0.3", busy);
        ZooKeeper s3 = load.connect("127.0.0.2", busy);
        ZooKeeper s4 = load.connect("127.0.0.4", leader);
        ZooKeeper s5 = load.connect("127.0.0.5", leader);
        // Nodes first: a one-shot watch set before a write below it would fire and leave the tables.
        Clients.createTree(s4, "/live/data", 4, 1);
        Clients.create(s4, "/live/tree/a/b", "");
        Clients.create(s4, "/live/persistent", "");
        load.ephemeral(s1, "/live/eph/s1-a");
        load.ephemeral(s1, "/live/eph/s1-b");
        load.ephemeral(s4, "/live/eph/s4-a");
        for (int i = 0; i < 6; i++) {
            load.ephemeral(s5, "/live/eph/s5-" + i);
        }
        load.watch(s1, Kind.GET_DATA, "/live/data/n0");
        load.watch(s1, Kind.GET_DATA, "/live/data/n1");
        load.watch(s1, Kind.EXISTS, "/live/missing");
        load.watch(s1, Kind.CHILDREN, "/live/data");
        load.watch(s2, Kind.GET_DATA, "/live/data/n0");
        load.watch(s2, Kind.EXISTS, "/live/data/n2");
        load.watch(s2, Kind.PERSISTENT, "/live/persistent");
        load.watch(s2, Kind.GET_DATA, "/live/persistent");
        load.watch(s3, Kind.PERSISTENT_RECURSIVE, "/live/tree");
        load.watch(s3, Kind.CHILDREN, "/live/tree/a");
        load.watch(s4, Kind.GET_DATA, "/live/data/n1");
        load.watch(s4, Kind.EXISTS, "/live/missing");
        load.watch(s4, Kind.CHILDREN, "/live/data");
        load.watch(s5, Kind.PERSISTENT, "/live/persistent");
        load.watch(s5, Kind.PERSISTENT_RECURSIVE, "/live/data/n3");
        load.watch(s5, Kind.EXISTS, "/live/eph/s5-gone");
        // Quiesce: from here on nothing writes, so every reading below describes the same moment.
        LiveAssertions.awaitSameZxid(ensemble.servers(), Duration.ofSeconds(30));
        nodes = load.nodeCount() + 1; // the servers count the root twice, see LiveLoad#nodeCount
    }

    /** Closes this version's quorum now, so that only one version's quorum runs at a time. */
    @AfterParameterizedClassInvocation
    static void stopQuorum() {
        LiveAssertions.closeBoth(load, ensemble);
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(1)
    void mntrReportsRoleTreeAndWatchCountsOfEveryMember(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            MonitorStats mntr = CATALOG.mntr().collect(via.to(member, LIMITS));
            assertTrue(mntr.version().startsWith(version + "-"), mntr.version());
            assertEquals(expectedMode(member), mntr.mode(), member::toString);
            assertEquals(OptionalLong.of(load.watchCountOn(member)), mntr.integer("zk_watch_count"), member::toString);
            assertEquals(OptionalLong.of(nodes), mntr.integer("znode_count"), member::toString);
            assertEquals(OptionalLong.of(load.ephemeralCount()), mntr.integer("ephemerals_count"), member::toString);
            assertEquals(OptionalLong.of(load.clientHostsOn(member).size() + queryConnections(via)),
                    mntr.integer("num_alive_connections"), member::toString);
        }
        MonitorStats ofLeader = CATALOG.mntr().collect(via.to(leader, LIMITS));
        assertEquals(OptionalLong.of(2), ofLeader.integer("synced_followers"));
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(2)
    void srvrReportsModeNodeCountConnectionsAndOneZxid(Via via) throws CollectorException {
        ServerStats ofLeader = CATALOG.srvr().collect(via.to(leader, LIMITS));
        assertTrue(ofLeader.zxid().isPresent());
        for (LocalServer member : ensemble.servers()) {
            ServerStats srvr = CATALOG.srvr().collect(via.to(member, LIMITS));
            assertTrue(srvr.version().startsWith(version + "-"), srvr.version());
            assertEquals(expectedMode(member), srvr.mode(), member::toString);
            assertEquals(nodes, srvr.nodeCount(), member::toString);
            assertEquals(load.clientHostsOn(member).size() + queryConnections(via), srvr.connections(), member::toString);
            assertEquals(ofLeader.zxid(), srvr.zxid(), "a quiet quorum has one last zxid: " + member);
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(3)
    void confListsTheThreeMembersWithTheirRealPorts(Via via) throws CollectorException {
        List<QuorumMember> expected = ensemble.servers().stream().map(s -> new QuorumMember(s.id(),
                List.of(new HostPort(s.host(), s.quorumPort())), List.of(new HostPort(s.host(), s.electionPort())),
                QuorumMember.Role.PARTICIPANT, Optional.of(new HostPort(s.host(), s.clientPort())))).toList();
        for (LocalServer member : ensemble.servers()) {
            ServerConfig conf = CATALOG.conf().collect(via.to(member, LIMITS));
            assertEquals(expected, conf.membership().orElseThrow().members(), member::toString);
            assertEquals(OptionalLong.of(member.id()), conf.serverId());
            assertEquals(member.clientPort(), conf.clientPort().orElseThrow());
            assertEquals(via == Via.FOUR_LETTER, conf.configVersion().isPresent(),
                    "only the 4lw conf prints the dynamic config version");
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(4)
    void enviNamesEachMembersVersionClassPathAndDirectory(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            Environment envi = CATALOG.envi().collect(via.to(member, LIMITS));
            assertTrue(envi.zookeeperVersion().orElseThrow().startsWith(version + "-"), envi::toString);
            assertTrue(envi.property("java.class.path").orElseThrow().contains("zookeeper-" + version + ".jar"));
            assertEquals(Optional.of(member.directory().toString()), envi.property("user.dir"), "each member's own");
            assertTrue(envi.watcherCleanThreshold().isEmpty(), "envi lists fixed keys, never the watch-manager settings");
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(5)
    void systemPropertiesShowTheJvmSettingTheTestGaveTheMembers(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            CommandTransport transport = via.to(member, LIMITS);
            if (via == Via.FOUR_LETTER) {
                assertFails(FailureKind.UNAVAILABLE, CATALOG.systemProperties(), transport);
                continue;
            }
            Environment properties = CATALOG.systemProperties().collect(transport);
            assertEquals(OptionalLong.of(Long.parseLong(CLEAN_THRESHOLD)), properties.watcherCleanThreshold());
            assertEquals(Optional.empty(), properties.watchManagerName(), "the default watch manager is not set");
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(6)
    void wchsCountsTheDataWatchesSetOnEachMember(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            assertEquals(load.summaryOn(member), CATALOG.wchs().collect(via.to(member, LIMITS)), member::toString);
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(7)
    void wchcListsEverySessionsWatchedPaths(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            assertEquals(load.dumpOn(member, WatchDump.Order.BY_SESSION, DUMP),
                    CATALOG.wchc().collect(via.to(member, LIMITS)), member::toString);
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(8)
    void wchpListsEveryPathsWatchers(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            assertEquals(load.dumpOn(member, WatchDump.Order.BY_PATH, DUMP),
                    CATALOG.wchp().collect(via.to(member, LIMITS)), member::toString);
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(9)
    void consListsTheSessionsHeldAndTheirClientHosts(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            Connections cons = CATALOG.cons().collect(via.to(member, LIMITS));
            assertEquals(load.clientHostsOn(member), hostsBySession(cons), member::toString);
            assertEquals(queryConnections(via), cons.connections().size() - cons.withSession().size(),
                    "4lw cons lists its own socket without a session; the AdminServer's request is no connection");
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(10)
    void dumpIsAuthoritativeOnlyOnTheLeader(Via via) throws CollectorException {
        int samples = DUMP.samplePathsPerSession();
        assertEquals(load.leaderDump(samples), CATALOG.dump().collect(via.to(leader, LIMITS)));
        for (LocalServer follower : List.of(busy, idle)) {
            SessionDump dump = CATALOG.dump().collect(via.to(follower, LIMITS));
            assertFalse(dump.authoritative(), follower::toString);
            if (via == Via.FOUR_LETTER) {
                assertEquals(load.learnerDump(samples), dump, "a follower lists its copy of the global sessions");
            } else {
                assertEquals(new SessionDump(SessionDump.Tracker.UNKNOWN, Map.of(), load.ephemerals(samples)),
                        dump, "the AdminServer gives a follower's dump no sessions, but the ephemerals");
            }
        }
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Via.class)
    @Order(11)
    void ruokAndIsroSayEveryMemberIsFineAndWritable(Via via) throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            assertEquals(RuokStatus.IMOK, CATALOG.ruok().collect(via.to(member, LIMITS)));
            assertFalse(CATALOG.isro().collect(via.to(member, LIMITS)).readOnly(), member::toString);
        }
    }

    @Test
    @Order(20)
    void fourLetterAndAdminReadingsOfTheQuietQuorumAreEqual() throws CollectorException {
        for (LocalServer member : ensemble.servers()) {
            CommandTransport four = Via.FOUR_LETTER.to(member, LIMITS);
            CommandTransport admin = Via.ADMIN.to(member, LIMITS);
            String m = member.toString();
            assertEquals(CATALOG.wchc().collect(four), CATALOG.wchc().collect(admin), m);
            assertEquals(CATALOG.wchp().collect(four), CATALOG.wchp().collect(admin), m);
            assertEquals(CATALOG.wchs().collect(four), CATALOG.wchs().collect(admin), m);
            assertEquals(addressesBySession(CATALOG.cons().collect(four)),
                    addressesBySession(CATALOG.cons().collect(admin)), m);
            ServerConfig fourConf = CATALOG.conf().collect(four);
            ServerConfig adminConf = CATALOG.conf().collect(admin);
            assertEquals(fourConf.membership().orElseThrow().members(), adminConf.membership().orElseThrow().members(), m);
            assertEquals(List.of(fourConf.serverId(), fourConf.clientPort(), fourConf.tickTime()),
                    List.of(adminConf.serverId(), adminConf.clientPort(), adminConf.tickTime()), m);
        }
        assertEquals(CATALOG.dump().collect(Via.FOUR_LETTER.to(leader, LIMITS)),
                CATALOG.dump().collect(Via.ADMIN.to(leader, LIMITS)));
    }

    @Test
    @Order(30)
    void aPausedMemberTimesOutWithinTheDeadline() throws Exception {
        load.close(); // the load-dependent tests are done; pinned sessions must not wait on dead members
        Duration deadline = Duration.ofMillis(1500);
        Limits quick = LiveAssertions.limits(Duration.ofMillis(500), deadline, LIMITS.spoolDirectory());
        idle.pause();
        try {
            for (Via via : Via.values()) {
                for (Collector<?> collector : List.<Collector<?>>of(CATALOG.mntr(), CATALOG.wchp())) {
                    long start = System.nanoTime();
                    assertFails(FailureKind.TIMEOUT, collector, via.to(idle, quick));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertTrue(took.compareTo(deadline.minusMillis(50)) >= 0, "gave up early: " + took);
                    assertTrue(took.compareTo(deadline.plus(MARGIN)) <= 0, "overran the deadline: " + took);
                }
            }
        } finally {
            idle.resume();
        }
    }

    @Test
    @Order(31)
    void aKilledMemberRefusesConnections() {
        idle.kill();
        for (Via via : Via.values()) {
            long start = System.nanoTime();
            assertFails(FailureKind.CONNECTION_REFUSED, CATALOG.mntr(), via.to(idle, LIMITS));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(LIMITS.connectTimeout()) < 0, "a refusal is immediate, not a timeout: " + took);
        }
    }

    /**
     * What a member without quorum really answers, the same in 3.8.4 and 3.9.5: every command that needs the
     * data tree is refused as not serving over both transports. The exceptions are the servers' own: 4lw
     * {@code ruok} still says {@code imok} ({@code RuokCommand} does not check), and {@code envi} and
     * {@code system_properties} describe the JVM. The AdminServer's {@code monitor} really fails with HTTP 500
     * (a NullPointerException inside ZooKeeper's {@code MonitorCommand}); the collector recognises it.
     */
    @Test
    @Order(32)
    void aMemberWhoseTwoPeersAreKilledIsNotServing() {
        busy.kill();
        LiveAssertions.await("the leader, alone, stops serving", Duration.ofSeconds(60),
                () -> LiveAssertions.outcome(CATALOG.mntr(), Via.FOUR_LETTER.to(leader, LIMITS))
                        .equals(FailureKind.NOT_SERVING.label()));
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> seen = new TreeMap<>();
        for (Via via : Via.values()) {
            for (Collector<?> collector : CATALOG.all()) {
                String key = via + " " + collector.command().label();
                expected.put(key, FailureKind.NOT_SERVING.label());
                seen.put(key, LiveAssertions.outcome(collector, via.to(leader, LIMITS)));
            }
        }
        expected.put("FOUR_LETTER ruok", "ok");
        expected.put("FOUR_LETTER envi", "ok");
        expected.put("FOUR_LETTER system_properties", FailureKind.UNAVAILABLE.label());
        expected.put("ADMIN envi", "ok");
        expected.put("ADMIN system_properties", "ok");
        assertEquals(expected, seen);
    }

    private ServerMode expectedMode(LocalServer member) {
        return member.equals(leader) ? ServerMode.LEADER : ServerMode.FOLLOWER;
    }

    /** The 4lw's own socket is a client connection of the server while it answers; an HTTP request is not. */
    private static int queryConnections(Via via) {
        return via == Via.FOUR_LETTER ? 1 : 0;
    }
}
