package io.zkwatch.collectors.live;

import static io.zkwatch.collectors.live.LiveAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.live.LiveLoad.Kind;
import io.zkwatch.collectors.transport.Transports;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A live standalone server whose {@code 4lw.commands.whitelist} is {@code mntr,srvr}, with one session holding
 * data watches: refusals are typed failures (never zero-valued records), the AdminServer ignores the whitelist,
 * an unknown AdminServer command is "not found", and a loop of live calls, failures included, leaks nothing.
 */
@ParameterizedClass(name = "ZooKeeper {0}")
@MethodSource("io.zkwatch.harness.ZkVersions#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestrictedServerLiveTest {

    private static final CollectorCatalog CATALOG = CollectorCatalog.defaults();
    private static final WatchDumpOptions DUMP = WatchDumpOptions.defaults();
    private static final Limits LIMITS = Limits.defaults();
    /** Every command the whitelist lets through; {@code srvr} is one ZooKeeper always adds itself. */
    private static final Set<String> WHITELISTED = Set.of("mntr", "srvr");

    @RegisterExtension
    static final SharedEnsembles RESTRICTED = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .whitelist(String.join(",", WHITELISTED)));

    private static LocalEnsemble ensemble;
    private static LocalServer server;
    private static LiveLoad load;

    private final String version;

    RestrictedServerLiveTest(String version) {
        this.version = version;
    }

    @BeforeParameterizedClassInvocation
    static void startRestrictedServer(String version) throws Exception {
        ensemble = RESTRICTED.get(version);
        server = ensemble.servers().get(0);
        load = new LiveLoad(version);
        ZooKeeper session = load.connect("127.0.0.6", server);
        Clients.createTree(session, "/restricted", 3, 1);
        load.watch(session, Kind.GET_DATA, "/restricted/n0");
        load.watch(session, Kind.EXISTS, "/restricted/n1");
        load.watch(session, Kind.CHILDREN, "/restricted");
    }

    @AfterParameterizedClassInvocation
    static void stopRestrictedServer() {
        LiveAssertions.closeBoth(load, ensemble);
    }

    @Test
    @Order(1)
    void commandsOutsideTheWhitelistAreRefusedAndNeverReadAsZero() throws CollectorException {
        CommandTransport transport = Via.FOUR_LETTER.to(server, LIMITS);
        MonitorStats mntr = CATALOG.mntr().collect(transport);
        assertTrue(mntr.version().startsWith(version + "-"), "mntr is whitelisted: " + mntr.version());
        assertEquals(OptionalLong.of(load.watchCountOn(server)), mntr.integer("watch_count"));
        CATALOG.srvr().collect(transport);
        for (Collector<?> collector : CATALOG.all()) {
            String word = collector.command().fourLetterWord().orElse("");
            if (!word.isEmpty() && !WHITELISTED.contains(word)) {
                CollectorException e = assertFails(FailureKind.NOT_WHITELISTED, collector, transport);
                assertTrue(e.getMessage().contains("4lw.commands.whitelist"), e::getMessage);
            }
        }
    }

    @Test
    @Order(2)
    void theAdminServerAnswersWhatTheWhitelistRefuses() throws CollectorException {
        CommandTransport admin = Via.ADMIN.to(server, LIMITS);
        assertEquals(load.dumpOn(server, WatchDump.Order.BY_SESSION, DUMP), CATALOG.wchc().collect(admin));
        assertEquals(load.dumpOn(server, WatchDump.Order.BY_PATH, DUMP), CATALOG.wchp().collect(admin));
        assertEquals(load.summaryOn(server), CATALOG.wchs().collect(admin));
        assertEquals(load.leaderDump(DUMP.samplePathsPerSession()), CATALOG.dump().collect(admin));
    }

    /**
     * ZooKeeper answers a command it does not know with HTTP 200 and {@code "error": "Unknown command: ..."}, and
     * a path outside its commands root with a plain 404: both are "not found", never a record.
     */
    @Test
    @Order(3)
    void anAdminCommandTheServerDoesNotHaveIsNotFound() {
        CommandTransport unknownCommand = Transports.admin(
                Via.admin(server).withCommandsRoot("/commands/no_such_command"), LIMITS);
        CollectorException e = assertFails(FailureKind.HTTP_NOT_FOUND, CATALOG.mntr(), unknownCommand);
        assertTrue(e.getMessage().contains("Unknown command"), e::getMessage);
        CommandTransport wrongRoot = Transports.admin(Via.admin(server).withCommandsRoot("/no-such-root"), LIMITS);
        e = assertFails(FailureKind.HTTP_NOT_FOUND, CATALOG.wchc(), wrongRoot);
        assertTrue(e.getMessage().contains("HTTP 404"), e::getMessage);
    }

    @Test
    @Order(4)
    void liveCallsIncludingFailuresLeaveNoDescriptorsThreadsOrSpoolFiles() throws Exception {
        load.close(); // its client threads would blur the thread count
        new LeakCheck(server).run();
    }
}
