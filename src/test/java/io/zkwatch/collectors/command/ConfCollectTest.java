package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ConfCollector#collect} joins two AdminServer commands; over 4lw it asks once. */
class ConfCollectTest {

    /** Serves fixture replies and records what was asked, in order. */
    private static final class FixtureTransport implements CommandTransport {
        private final ReplyFormat format;
        final List<Command> asked = new ArrayList<>();

        FixtureTransport(ReplyFormat format) {
            this.format = format;
        }

        @Override
        public ReplyFormat format() {
            return format;
        }

        @Override
        public String target() {
            return "fixtures";
        }

        @Override
        public Reply fetch(Command command) {
            asked.add(command);
            String folder = format == ReplyFormat.FOUR_LETTER ? command.fourLetterWord().orElseThrow()
                    : command.adminName();
            return Fixtures.fixture(format, "3.9.6", folder, "follower").reply();
        }
    }

    @Test
    void overTheAdminServerItFetchesConfigurationThenVotingView() throws CollectorException {
        FixtureTransport admin = new FixtureTransport(ReplyFormat.ADMIN_JSON);
        ServerConfig config = CollectorCatalog.defaults().conf().collect(admin);
        assertEquals(List.of(Command.CONF, Command.VOTING_VIEW), admin.asked);
        assertEquals(3, config.membership().orElseThrow().members().size());
        FixtureTransport fourLetter = new FixtureTransport(ReplyFormat.FOUR_LETTER);
        ServerConfig viaConf = CollectorCatalog.defaults().conf().collect(fourLetter);
        assertEquals(List.of(Command.CONF), fourLetter.asked);
        assertEquals(viaConf.membership().orElseThrow().members().stream().map(m -> m.withoutClientAddress()).toList(),
                config.membership().orElseThrow().members().stream().map(m -> m.withoutClientAddress()).toList());
    }
}
