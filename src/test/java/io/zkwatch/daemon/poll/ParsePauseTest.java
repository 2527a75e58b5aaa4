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

    /** Runs {@code command} through a runner with the given pause; returns how long after its drain it was parsed. */
    private static long parsedAfterDrainMillis(long pauseMillis, Command command) {
        InstantTransport transport = new InstantTransport();
        TimedCollector collector = new TimedCollector(command);
        CommandRunner runner = new CommandRunner("bench", CommandSource.FOUR_LETTER_WORDS, new SimpleMeterRegistry(),
                pauseMillis);
        MemberTransports member = new MemberTransports("127.0.0.1:2181", "127.0.0.1", 2181, transport, transport,
                Optional.empty(), Optional.empty());

        Outcome<String> outcome = runner.run(collector, member, command.expensive());

        assertTrue(outcome.isSuccess(), outcome.toString());
        return TimeUnit.NANOSECONDS.toMillis(collector.parsedAt.get() - transport.fetchedAt.get());
    }

    @Test
    void aDumpIsParsedOnlyAfterThePauseFollowingItsDrain() {
        long gap = parsedAfterDrainMillis(300, Command.WCHP);

        assertTrue(gap >= 300, "parsed " + gap + " ms after the drain");
    }

    @Test
    void cheapCommandsAreNeverPaused() {
        long gap = parsedAfterDrainMillis(60_000, Command.MNTR);

        assertTrue(gap < 60_000, "mntr waited " + gap + " ms before its parse");
    }
}
