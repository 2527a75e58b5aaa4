package io.zkwatch.collectors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.RuokStatus;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.SessionDump;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchSummary;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.transport.AdminEndpoint;
import io.zkwatch.collectors.transport.Transports;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.RecordingWatcher;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The collectors against the official {@code zookeeper:3.9} Docker image, as operators run it: standalone,
 * AdminServer on 8080, every four-letter word allowed through {@code ZOO_4LW_COMMANDS_WHITELIST}. It proves the
 * collectors read a server built and configured by someone else, not only the harness's own child JVMs.
 *
 * <p>Run by failsafe ({@code *IT}); skipped, not failed, where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class OfficialImageCollectorsIT {

    private static final int CLIENT_PORT = 2181;
    private static final int ADMIN_PORT = 8080;
    private static final CollectorCatalog CATALOG = CollectorCatalog.defaults();
    private static final Limits LIMITS = Limits.defaults();

    @Container
    static final GenericContainer<?> ZOOKEEPER = new GenericContainer<>(DockerImageName.parse("zookeeper:3.9"))
            .withEnv("ZOO_4LW_COMMANDS_WHITELIST", "*")
            .withExposedPorts(CLIENT_PORT, ADMIN_PORT)
            .waitingFor(Wait.forHttp("/commands/ruok").forPort(ADMIN_PORT).forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(2)));

    private static final Clients CLIENTS = new Clients();
    private static long sessionId;

    /** The image's two ways in. */
    enum Source {
        FOUR_LETTER,
        ADMIN;

        CommandTransport transport() {
            return switch (this) {
                case FOUR_LETTER -> Transports.fourLetter(ZOOKEEPER.getHost(), ZOOKEEPER.getMappedPort(CLIENT_PORT), LIMITS);
                case ADMIN -> Transports.admin(AdminEndpoint.of("http://" + ZOOKEEPER.getHost() + ":"
                        + ZOOKEEPER.getMappedPort(ADMIN_PORT)), LIMITS);
            };
        }
    }

    /** One session: an ephemeral, two data watches (one on a missing node) and a child watch. */
    @BeforeAll
    static void loadTheServer() throws Exception {
        ZooKeeper zk = CLIENTS.connect(ZOOKEEPER.getHost() + ":" + ZOOKEEPER.getMappedPort(CLIENT_PORT));
        sessionId = zk.getSessionId();
        Clients.createTree(zk, "/it", 2, 1);
        Clients.createEphemeral(zk, "/it/eph/mine");
        Clients.watchData(zk, "/it/n0", new RecordingWatcher());
        Clients.watchExists(zk, "/it/missing", new RecordingWatcher());
        Clients.watchChildren(zk, "/it", new RecordingWatcher());
    }

    @AfterAll
    static void closeTheSession() {
        CLIENTS.close();
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(Source.class)
    void everyCollectorReadsTheOfficialImage(Source source) throws CollectorException {
        CommandTransport transport = source.transport();
        MonitorStats mntr = CATALOG.mntr().collect(transport);
        assertTrue(mntr.version().startsWith("3.9."), mntr.version());
        assertEquals(ServerMode.STANDALONE, mntr.mode());
        assertEquals(OptionalLong.of(3), mntr.integer("watch_count"), "two data watches and one child watch");
        assertEquals(ServerMode.STANDALONE, CATALOG.srvr().collect(transport).mode());
        assertEquals(CLIENT_PORT, CATALOG.conf().collect(transport).clientPort().orElseThrow());
        assertTrue(CATALOG.envi().collect(transport).zookeeperVersion().orElseThrow().startsWith("3.9."));
        assertEquals(new WatchSummary(1, 2, 2), CATALOG.wchs().collect(transport));
        WatchDump bySession = CATALOG.wchc().collect(transport);
        assertEquals(new WatchDump.SessionWatches(sessionId, 2, List.of("/it/missing", "/it/n0")),
                bySession.sessions().get(sessionId));
        assertEquals(bySession.sessions(), CATALOG.wchp().collect(transport).sessions());
        assertEquals(List.of(sessionId), CATALOG.cons().collect(transport).sessionIds());
        SessionDump dump = CATALOG.dump().collect(transport);
        assertTrue(dump.authoritative());
        assertTrue(dump.sessions().containsKey(sessionId));
        assertEquals(new SessionDump.Ephemerals(sessionId, 1, List.of("/it/eph/mine")), dump.ephemerals().get(sessionId));
        assertEquals(RuokStatus.IMOK, CATALOG.ruok().collect(transport));
        assertFalse(CATALOG.isro().collect(transport).readOnly());
    }

    @Test
    void fourLetterAndAdminReadingsOfTheImageAreEqual() throws CollectorException {
        CommandTransport four = Source.FOUR_LETTER.transport();
        CommandTransport admin = Source.ADMIN.transport();
        assertEquals(CATALOG.wchc().collect(four), CATALOG.wchc().collect(admin));
        assertEquals(CATALOG.wchp().collect(four), CATALOG.wchp().collect(admin));
        assertEquals(CATALOG.wchs().collect(four), CATALOG.wchs().collect(admin));
        assertEquals(CATALOG.dump().collect(four), CATALOG.dump().collect(admin));
        assertTrue(CATALOG.systemProperties().collect(admin).property("java.version").isPresent());
    }
}
