package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.WatchDumpOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed failures, their line numbers, and redaction of reply content in their messages. */
class ParserFailuresTest {

    private static final String SECRET = "/tenants/acme-secret/orders";

    private static CollectorException failure(CollectorCatalog catalog, Command command, ReplyFormat format,
                                              String body) {
        Reply reply = Fixtures.reply(command, format, body);
        return assertThrows(CollectorException.class,
                () -> FixtureCases.parserFor(catalog, command).parse(reply));
    }

    @Test
    void redactionKeepsPathsOutOfEveryMessageWhileTheDefaultShowsThem() {
        CollectorCatalog redacted = CollectorCatalog.create(ParseOptions.defaults().withRedactPaths(true),
                WatchDumpOptions.defaults());
        CollectorCatalog plain = CollectorCatalog.defaults();
        List<Object[]> bad = List.of(
                new Object[] {Command.WCHC, ReplyFormat.FOUR_LETTER, "0x1\n\t/ok\n" + SECRET + "\n\n", true},
                new Object[] {Command.WCHP, ReplyFormat.FOUR_LETTER, "relative" + SECRET + "\n\t0x1\n\n", true},
                new Object[] {Command.WCHC, ReplyFormat.ADMIN_JSON,
                        "{\"session_id_to_watched_paths\":{\"1\":[\"rel" + SECRET + "\"]}}", true},
                new Object[] {Command.WCHP, ReplyFormat.ADMIN_JSON,
                        "{\"path_to_session_ids\":{\"rel" + SECRET + "\":[1]}}", true},
                new Object[] {Command.WCHP, ReplyFormat.ADMIN_JSON,
                        "{\"path_to_session_ids\":{\"" + SECRET + "\":[1.5]}}", false},
                new Object[] {Command.WCHP, ReplyFormat.ADMIN_JSON,
                        "{\"path_to_session_ids\":{\"" + SECRET + "\" 1}}", false},
                new Object[] {Command.WCHP, ReplyFormat.ADMIN_JSON,
                        "{\"path_to_session_ids\":{\"/a\":[acmeSecretToken]}}", true},
                new Object[] {Command.DUMP, ReplyFormat.FOUR_LETTER,
                        "SessionTracker dump:\nGlobal Sessions(0):\nephemeral nodes dump:\n" + SECRET + "\n", true});
        for (Object[] b : bad) {
            CollectorException r = failure(redacted, (Command) b[0], (ReplyFormat) b[1], (String) b[2]);
            assertEquals(FailureKind.UNPARSEABLE, r.kind(), r.getMessage());
            assertFalse(r.getMessage().contains("acme"), "redacted message leaks: " + r.getMessage());
            if ((Boolean) b[3]) {
                CollectorException p = failure(plain, (Command) b[0], (ReplyFormat) b[1], (String) b[2]);
                assertTrue(p.getMessage().contains("acme"), "plain message shows the line: " + p.getMessage());
            }
        }
    }

    @Test
    void unparseableLinesAreReportedWithTheirLineNumber() {
        CollectorException e = failure(CollectorCatalog.defaults(), Command.WCHC, ReplyFormat.FOUR_LETTER,
                "0x1\n\t/a\n\t/b\nnot-hex\n\n");
        assertEquals(FailureKind.UNPARSEABLE, e.kind());
        assertTrue(e.getMessage().startsWith("wchc line 4:"), e.getMessage());
        CollectorException json = failure(CollectorCatalog.defaults(), Command.WCHP, ReplyFormat.ADMIN_JSON,
                "{\n\"path_to_session_ids\":{\n\"/a\":[\n1,\n\"x\"]}}");
        assertTrue(json.getMessage().startsWith("watches_by_path line 5:"), json.getMessage());
    }

    @Test
    void idsBeyondSixtyFourBitsAndFractionsAreRefusedNotRounded() {
        CollectorCatalog c = CollectorCatalog.defaults();
        assertEquals(FailureKind.UNPARSEABLE, failure(c, Command.WCHP, ReplyFormat.ADMIN_JSON,
                "{\"path_to_session_ids\":{\"/a\":[18446744073709551616]}}").kind());
        assertEquals(FailureKind.UNPARSEABLE, failure(c, Command.WCHP, ReplyFormat.ADMIN_JSON,
                "{\"path_to_session_ids\":{\"/a\":[7.2058094835924992E16]}}").kind());
        assertEquals(FailureKind.UNPARSEABLE, failure(c, Command.WCHC, ReplyFormat.ADMIN_JSON,
                "{\"session_id_to_watched_paths\":{\"99999999999999999999\":[\"/a\"]}}").kind());
    }

    @Test
    void anythingAfterTheClosingLineOrBraceIsUnparseable() {
        CollectorCatalog c = CollectorCatalog.defaults();
        assertEquals(FailureKind.UNPARSEABLE,
                failure(c, Command.WCHC, ReplyFormat.FOUR_LETTER, "0x1\n\t/a\n\n0x2\n").kind());
        assertEquals(FailureKind.UNPARSEABLE, failure(c, Command.WCHS, ReplyFormat.ADMIN_JSON,
                "{\"num_connections\":1,\"num_paths\":1,\"num_total_watches\":1} {}").kind());
    }

    @Test
    void emptyRepliesAndHtmlPagesNeverBecomeEmptyRecords() {
        CollectorCatalog c = CollectorCatalog.defaults();
        for (Command command : List.of(Command.MNTR, Command.WCHC, Command.CONS, Command.DUMP, Command.CONF)) {
            assertEquals(FailureKind.EMPTY_REPLY, failure(c, command, ReplyFormat.FOUR_LETTER, "").kind());
            assertEquals(FailureKind.EMPTY_REPLY, failure(c, command, ReplyFormat.ADMIN_JSON, "").kind());
            assertEquals(FailureKind.UNPARSEABLE,
                    failure(c, command, ReplyFormat.ADMIN_JSON, "<a href=\"/commands/x\">x</a>\n").kind());
        }
    }

    @Test
    void adminErrorsMapToTheirFailureKinds() {
        CollectorCatalog c = CollectorCatalog.defaults();
        assertEquals(FailureKind.NOT_SERVING, failure(c, Command.CONS, ReplyFormat.ADMIN_JSON,
                "{\"command\":\"connections\",\"error\":\"This ZooKeeper instance is not currently serving requests\"}")
                .kind());
        assertEquals(FailureKind.HTTP_UNAUTHORIZED, failure(c, Command.DUMP, ReplyFormat.ADMIN_JSON,
                "{\"command\":\"dump\",\"error\":\"Auth info is missing for the command\"}").kind());
        assertEquals(FailureKind.UNAVAILABLE, failure(c, Command.CONF, ReplyFormat.ADMIN_JSON,
                "{\"command\":\"configuration\",\"error\":\"server is not initialized\"}").kind());
    }

    @Test
    void everyFourLetterCollectorRefusesTheWhitelistAndNotServingTexts() {
        CollectorCatalog c = CollectorCatalog.defaults();
        for (var collector : c.all()) {
            Command command = collector.command();
            if (command.fourLetterWord().isEmpty()) {
                continue;
            }
            String word = command.fourLetterWord().get();
            assertEquals(FailureKind.NOT_WHITELISTED, failure(c, command, ReplyFormat.FOUR_LETTER,
                    word + " is not executed because it is not in the whitelist.\n").kind(), word);
            if (command != Command.RUOK && command != Command.ENVI) {
                assertEquals(FailureKind.NOT_SERVING, failure(c, command, ReplyFormat.FOUR_LETTER,
                        "This ZooKeeper instance is not currently serving requests\n").kind(), word);
            }
        }
    }
}
