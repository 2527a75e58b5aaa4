package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link MntrCollector#collect} over the AdminServer: ZooKeeper's {@code monitor} answers HTTP 500 (a
 * NullPointerException in its MonitorCommand) on a member that is not serving, where every other command says
 * so. The collector must report that member as not serving, and leave every other failure as it was.
 */
class MntrCollectTest {

    private static final CollectorException MONITOR_500 = new CollectorException(FailureKind.HTTP_STATUS,
            "mntr on http://zk1:8080/commands/monitor: the AdminServer answered HTTP 500 Server Error");
    private static final CollectorException RUOK_NOT_SERVING = new CollectorException(FailureKind.NOT_SERVING,
            "ruok on http://zk1:8080/commands/ruok: the AdminServer answered HTTP 200 with error \"This ZooKeeper "
                    + "instance is not currently serving requests\"");

    /** Answers each command with a fixture reply or throws its scripted failure, and records what was asked. */
    private static final class ScriptedAdmin implements CommandTransport {
        private final Map<Command, CollectorException> failures;
        final List<Command> asked = new ArrayList<>();

        ScriptedAdmin(Map<Command, CollectorException> failures) {
            this.failures = failures;
        }

        @Override
        public ReplyFormat format() {
            return ReplyFormat.ADMIN_JSON;
        }

        @Override
        public String target() {
            return "http://zk1:8080";
        }

        @Override
        public Reply fetch(Command command) throws CollectorException {
            asked.add(command);
            if (failures.containsKey(command)) {
                throw failures.get(command);
            }
            return Fixtures.admin("3.9.6", command.adminName(), "follower");
        }
    }

    private static CollectorException collect(ScriptedAdmin admin) {
        return assertThrows(CollectorException.class, () -> CollectorCatalog.defaults().mntr().collect(admin));
    }

    @Test
    void aMonitorServerErrorOnAMemberWhoseRuokSaysNotServingIsNotServing() {
        ScriptedAdmin admin = new ScriptedAdmin(Map.of(Command.MNTR, MONITOR_500, Command.RUOK, RUOK_NOT_SERVING));
        CollectorException e = collect(admin);
        assertEquals(FailureKind.NOT_SERVING, e.kind());
        assertTrue(e.getMessage().contains("HTTP 500"), e::getMessage);
        assertEquals(List.of(Command.MNTR, Command.RUOK), admin.asked);
    }

    @Test
    void aMonitorServerErrorOnAMemberThatIsOkStaysAnHttpStatusFailure() {
        ScriptedAdmin admin = new ScriptedAdmin(Map.of(Command.MNTR, MONITOR_500));
        assertEquals(FailureKind.HTTP_STATUS, collect(admin).kind());
        assertEquals(List.of(Command.MNTR, Command.RUOK), admin.asked);
    }

    @Test
    void otherMonitorFailuresAskNothingMore() {
        ScriptedAdmin admin = new ScriptedAdmin(Map.of(Command.MNTR,
                new CollectorException(FailureKind.TIMEOUT, "mntr on http://zk1:8080/commands/monitor: timed out")));
        assertEquals(FailureKind.TIMEOUT, collect(admin).kind());
        assertEquals(List.of(Command.MNTR), admin.asked);
    }
}
