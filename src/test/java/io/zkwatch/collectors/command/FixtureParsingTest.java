package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture in the tree, whoever captured it, goes through its command's collector. */
class FixtureParsingTest {

    private static final CollectorCatalog CATALOG = CollectorCatalog.defaults();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureParsesOrFailsTheWayItsCaseNameSays(Fixtures.Fixture fixture) throws CollectorException {
        FixtureCases.Parser parser = FixtureCases.parserFor(CATALOG, fixture.command());
        Optional<FailureKind> expected = FixtureCases.expectedFailure(fixture.caseName());
        try (Reply reply = fixture.reply()) {
            if (expected.isPresent()) {
                CollectorException e = assertThrows(CollectorException.class, () -> parser.parse(reply));
                assertEquals(expected.get(), e.kind(), e.getMessage());
            } else {
                assertNotNull(parser.parse(reply));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsingTheSameFixtureTwiceGivesEqualRecords(Fixtures.Fixture fixture) throws CollectorException {
        if (FixtureCases.expectedFailure(fixture.caseName()).isPresent()) {
            return;
        }
        FixtureCases.Parser parser = FixtureCases.parserFor(CATALOG, fixture.command());
        assertEquals(parser.parse(fixture.reply()), parser.parse(fixture.reply()));
    }

    @Test
    void everyCollectedCommandHasFixturesInEachFormatItExistsIn() {
        Set<Command> fourLetter = commandsWithFixtures(ReplyFormat.FOUR_LETTER);
        Set<Command> admin = commandsWithFixtures(ReplyFormat.ADMIN_JSON);
        for (var collector : CATALOG.all()) {
            Command c = collector.command();
            assertTrue(admin.contains(c), "no AdminServer fixture for " + c);
            if (c.fourLetterWord().isPresent()) {
                assertTrue(fourLetter.contains(c), "no 4lw fixture for " + c);
            }
        }
        assertTrue(admin.contains(Command.VOTING_VIEW));
    }

    @Test
    void theTreeHoldsTheReferenceCapturesAndTheHandMadeCases() {
        long reference = Fixtures.all().stream().filter(f -> f.version().equals("3.9.6"))
                .filter(f -> !f.caseName().startsWith("synthetic-")).count();
        long synthetic = Fixtures.all().stream().filter(f -> f.caseName().startsWith("synthetic-")).count();
        assertEquals(42, reference, "the 3.9.6 reference captures copied into the tree");
        assertTrue(synthetic >= 40, "hand-made edge cases: " + synthetic);
    }

    private static Set<Command> commandsWithFixtures(ReplyFormat format) {
        return Fixtures.all().stream().filter(f -> f.format() == format).map(Fixtures.Fixture::command)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Command.class)));
    }
}
