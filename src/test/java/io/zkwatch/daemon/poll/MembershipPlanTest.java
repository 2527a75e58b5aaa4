package io.zkwatch.daemon.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.transport.Spools;
import io.zkwatch.daemon.FixtureEnsemble;
import io.zkwatch.daemon.config.HostPort;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Discovery decisions on real {@code conf} answers: the 3.9.6 reference capture (static client ports, one host)
 * and the same text moved to the usual production layout of one member per host on port 2181.
 */
class MembershipPlanTest {

    private static final String REFERENCE = new String(FixtureEnsemble.fixtureBytes("4lw/3.9.6/conf/follower.txt"),
            StandardCharsets.UTF_8);
    private static final MembershipPlan PLAN = new MembershipPlan(UnaryOperator.identity());

    private static ServerConfig conf(String text) throws CollectorException {
        return CollectorCatalog.defaults().conf().parse(new Reply(Command.CONF, ReplyFormat.FOUR_LETTER,
                Spools.of(text.getBytes(StandardCharsets.UTF_8)), Duration.ZERO));
    }

    /** The reference zk1's conf as member {@code id} would print it. */
    private static String asMember(String text, int id, int clientPort) {
        return text.replace("serverId=1", "serverId=" + id).replace("clientPort=21811", "clientPort=" + clientPort);
    }

    /** The reference conf with every member on its own host, all on client port 2181. */
    private static String production(int id) {
        return asMember(REFERENCE, id, 2181).replaceAll("127\\.0\\.0\\.1:2288(\\d)", "zk$1.example:2888")
                .replaceAll(":2388\\d:participant", ":3888:participant");
    }

    private static MembershipPlan.Polled polled(String server, boolean configured, MemberOrigin origin,
                                                Optional<ServerConfig> config) {
        return new MembershipPlan.Polled(server, HostPort.parse(server), configured, origin, config);
    }

    @Test
    void staticClientPortsOnOneHostPerMemberAreGuessedFromTheReportersPort() throws Exception {
        ServerConfig zk1 = conf(production(1));
        MembershipPlan.Plan plan = PLAN.plan(HostPort.parse("zk1.example:2181"), zk1.membership().orElseThrow(),
                List.of(polled("zk1.example:2181", true, MemberOrigin.CONFIGURED, Optional.of(zk1))));
        assertEquals(Map.of(HostPort.parse("zk2.example:2181"), 2L, HostPort.parse("zk3.example:2181"), 3L),
                plan.add());
        assertEquals(Map.of("zk1.example:2181", MemberOrigin.CONFIGURED), plan.origins());
        assertTrue(plan.remove().isEmpty());
    }

    @Test
    void aGuessThatLandsOnAPolledMemberIsNotAddedAgain() throws Exception {
        // The reference ensemble runs on one host with three client ports: the others cannot be found from zk1.
        ServerConfig zk1 = conf(REFERENCE);
        MembershipPlan.Plan plan = PLAN.plan(HostPort.parse("127.0.0.1:21811"), zk1.membership().orElseThrow(),
                List.of(polled("127.0.0.1:21811", true, MemberOrigin.CONFIGURED, Optional.of(zk1))));
        assertEquals(Map.of(), plan.add());
        assertEquals(Map.of("127.0.0.1:21811", MemberOrigin.CONFIGURED), plan.origins());
    }

    @Test
    void membersOfAStaticMembershipAreRecognisedByTheirOwnServerIdAndQuorumAddress() throws Exception {
        List<MembershipPlan.Polled> all = List.of(
                polled("127.0.0.1:21811", true, MemberOrigin.CONFIGURED, Optional.of(conf(REFERENCE))),
                polled("127.0.0.1:21812", true, MemberOrigin.CONFIGURED, Optional.of(conf(asMember(REFERENCE, 2,
                        21812)))),
                polled("127.0.0.1:21813", true, MemberOrigin.CONFIGURED, Optional.of(conf(asMember(REFERENCE, 3,
                        21813)))));
        for (MembershipPlan.Polled reporter : all) {
            MembershipPlan.Plan plan = PLAN.plan(reporter.address(),
                    reporter.config().orElseThrow().membership().orElseThrow(), all);
            assertEquals(Map.of(), plan.add(), "reported by " + reporter.server());
            assertEquals(Map.of("127.0.0.1:21811", MemberOrigin.CONFIGURED, "127.0.0.1:21812",
                    MemberOrigin.CONFIGURED, "127.0.0.1:21813", MemberOrigin.CONFIGURED), plan.origins());
        }
    }

    @Test
    void aServerOfAnotherEnsembleWithTheSameIdAndPortsIsNotAMember() throws Exception {
        ServerConfig zk1 = conf(production(1));
        // server.2 of another ensemble, on its own host with the same id and port numbers.
        ServerConfig other = conf(production(2).replace("zk", "other"));
        List<MembershipPlan.Polled> polled = List.of(
                polled("zk1.example:2181", true, MemberOrigin.CONFIGURED, Optional.of(zk1)),
                polled("other2.example:2181", true, MemberOrigin.CONFIGURED, Optional.of(other)));
        MembershipPlan.Plan plan = PLAN.plan(HostPort.parse("zk1.example:2181"), zk1.membership().orElseThrow(),
                polled);
        assertEquals(MemberOrigin.NOT_IN_MEMBERSHIP, plan.origins().get("other2.example:2181"));
        assertEquals(MemberOrigin.CONFIGURED, plan.origins().get("zk1.example:2181"));
        assertEquals(Map.of(HostPort.parse("zk2.example:2181"), 2L, HostPort.parse("zk3.example:2181"), 3L),
                plan.add());
    }

    @Test
    void aMemberWhoseConfIsUnknownKeepsItsOriginWhenTheMembershipNamesNoClientAddresses() throws Exception {
        ServerConfig zk1 = conf(REFERENCE);
        MembershipPlan.Plan plan = PLAN.plan(HostPort.parse("127.0.0.1:21811"), zk1.membership().orElseThrow(),
                List.of(polled("127.0.0.1:21811", true, MemberOrigin.CONFIGURED, Optional.of(zk1)),
                        polled("127.0.0.1:21812", true, MemberOrigin.CONFIGURED, Optional.empty()),
                        polled("127.0.0.1:21899", false, MemberOrigin.DISCOVERED, Optional.empty())));
        assertEquals(Map.of("127.0.0.1:21811", MemberOrigin.CONFIGURED), plan.origins());
        assertTrue(plan.remove().isEmpty(), "who they are is unknown, so nothing is dropped");
    }

    @Test
    void withClientAddressesADiscoveredMemberThatLeftIsDroppedAndAStrayIsMarked() throws Exception {
        String dynamic = new String(FixtureEnsemble.fixtureBytes("4lw/3.9.5/conf/follower.txt"),
                StandardCharsets.UTF_8);
        ServerConfig zk1 = conf(dynamic);
        MembershipPlan.Plan plan = PLAN.plan(HostPort.parse("127.0.0.1:34917"), zk1.membership().orElseThrow(),
                List.of(polled("127.0.0.1:34917", true, MemberOrigin.CONFIGURED, Optional.of(zk1)),
                        polled("127.0.0.1:55579", false, MemberOrigin.DISCOVERED, Optional.empty()),
                        polled("127.0.0.1:40000", false, MemberOrigin.DISCOVERED, Optional.empty()),
                        polled("127.0.0.1:40001", true, MemberOrigin.CONFIGURED, Optional.empty())));
        assertEquals(Map.of(HostPort.parse("127.0.0.1:38607"), 3L), plan.add());
        assertEquals(List.of("127.0.0.1:40000"), plan.remove());
        assertEquals(MemberOrigin.NOT_IN_MEMBERSHIP, plan.origins().get("127.0.0.1:40001"));
        assertEquals(MemberOrigin.CONFIGURED, plan.origins().get("127.0.0.1:34917"));
    }
}
