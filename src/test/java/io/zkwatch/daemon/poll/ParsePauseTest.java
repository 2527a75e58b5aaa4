package io.zkwatch.daemon.poll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Outcome;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.transport.Spools;
import io.zkwatch.daemon.config.CommandSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The benchmark-only parse pause of the scale run sits between a dump's drain and its parse, and nowhere else. */
class ParsePauseTest {

    /** A transport whose replies are complete at once; it notes when the last one was handed over. */
    private static final class InstantTransport implements CommandTransport {
        final AtomicLong fetchedAt = new AtomicLong();

        @Override
        public ReplyFormat format() {
            return ReplyFormat.FOUR_LETTER;
        }

        @Override
        public String target() {
            return "127.0.0.1:2181";
        }

        @Override
        public Reply fetch(Command command) {
            Reply reply = new Reply(command, ReplyFormat.FOUR_LETTER,
                    Spools.of("reply\n".getBytes(StandardCharsets.US_ASCII)), Duration.ZERO);
            fetchedAt.set(System.nanoTime());
            return reply;
        }
    }

    /** A collector that notes when its parser started. */
    private static final class TimedCollector implements Collector<String> {
        final Command command;
        final AtomicLong parsedAt = new AtomicLong();

        TimedCollector(Command command) {
            this.command = command;
        }

        @Override
        public Command command() {
            return command;
        }

        @Override
        public String parse(Reply reply) {
            parsedAt.set(System.nanoTime());
            return "parsed";
        }
    }

    private static Outcome<String> run(long pauseMillis, TimedCollector collector, InstantTransport transport) {
        CommandRunner runner = new CommandRunner("bench", CommandSource.FOUR_LETTER_WORDS, new SimpleMeterRegistry(),
                pauseMillis);
        MemberTransports member = new MemberTransports("127.0.0.1:2181", "127.0.0.1", 2181, transport, transport,
                Optional.empty(), Optional.empty());
        return runner.run(collector, member, collector.command().expensive());
    }

    @Test
    void aDumpIsParsedOnlyAfterThePauseFollowingItsDrain() {
        InstantTransport transport = new InstantTransport();
        TimedCollector wchp = new TimedCollector(Command.WCHP);

        Outcome<String> outcome = run(300, wchp, transport);

        assertTrue(outcome.isSuccess(), outcome.toString());
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(wchp.parsedAt.get() - transport.fetchedAt.get());
        assertTrue(gapMillis >= 300, "parsed " + gapMillis + " ms after the drain");
    }

    @Test
    void cheapCommandsAreNeverPaused() {
        InstantTransport transport = new InstantTransport();
        TimedCollector mntr = new TimedCollector(Command.MNTR);

        Outcome<String> outcome = run(60_000, mntr, transport);

        assertTrue(outcome.isSuccess(), outcome.toString());
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(mntr.parsedAt.get() - transport.fetchedAt.get());
        assertTrue(gapMillis < 60_000, "mntr waited " + gapMillis + " ms before its parse");
    }
}
