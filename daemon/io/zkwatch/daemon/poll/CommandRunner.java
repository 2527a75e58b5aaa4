package io.zkwatch.daemon.poll;

import io.zkwatch.daemon.config.CommandSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Outcome;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one collector against one member and turns whatever happens into an {@link Outcome}: the single
 * boundary where collector exceptions are caught. Also records the daemon's own timing and byte counters.
 *
 * <p>In {@link CommandSource#AUTO}, a command the 4lw whitelist refuses is read from the AdminServer when the member
 * has one; that choice then sticks for the member and command, so the refused 4lw is not retried every poll.
 */
final class CommandRunner {

    private final String ensemble;
    private final CommandSource mode;
    private final MeterRegistry meters;
    private static final String DURATION = "zkwatch.collector.duration";
    private static final String READ_BYTES = "zkwatch.collector.read.bytes";

    /**
     * Benchmark-only hook of the scale run ({@code bench/scale-run.sh}): a pause, in milliseconds, after a dump's
     * reply has been drained into its spool and the connection closed, before the parser reads it. It proves that
     * the server's stall does not depend on how slowly zkwatch parses. Unset or 0 in every real deployment.
     */
    static final String PARSE_PAUSE_PROPERTY = "zkwatch.debug.parsePauseMillis";

    private final Set<String> adminPreferred = ConcurrentHashMap.newKeySet();
    private final long parsePauseMillis;
    private volatile boolean closed;

    CommandRunner(String ensemble, CommandSource mode, MeterRegistry meters) {
        this(ensemble, mode, meters, Long.getLong(PARSE_PAUSE_PROPERTY, 0L));
    }

    CommandRunner(String ensemble, CommandSource mode, MeterRegistry meters, long parsePauseMillis) {
        this.ensemble = ensemble;
        this.mode = mode;
        this.meters = meters;
        this.parsePauseMillis = Math.max(0, parsePauseMillis);
    }

    <T> Outcome<T> run(Collector<T> collector, MemberTransports endpoint, boolean dump) {
        Command command = collector.command();
        Optional<CommandTransport> admin = dump ? endpoint.adminDump() : endpoint.admin();
        CommandTransport fourLetter = dump ? endpoint.fourLetterDump() : endpoint.fourLetter();
        String key = endpoint.server() + "/" + command;
        boolean useAdmin = mode == CommandSource.ADMIN
                || (mode == CommandSource.AUTO && admin.isPresent() && adminPreferred.contains(key))
                || command.fourLetterWord().isEmpty();
        if (useAdmin) {
            if (admin.isEmpty()) {
                return Outcome.failure(FailureKind.UNAVAILABLE,
                        command.label() + " needs the AdminServer, and none is configured for " + endpoint.server(),
                        Duration.ZERO);
            }
            return attempt(collector, admin.get(), endpoint.server());
        }
        Outcome<T> outcome = attempt(collector, fourLetter, endpoint.server());
        if (mode == CommandSource.AUTO && admin.isPresent() && outcome instanceof Outcome.Failure<T> f
                && f.kind() == FailureKind.NOT_WHITELISTED) {
            Outcome<T> viaAdmin = attempt(collector, admin.get(), endpoint.server());
            if (viaAdmin.isSuccess()) {
                adminPreferred.add(key);
                return viaAdmin;
            }
            // The refusal stays the reason: it is what the operator can fix, and an AdminServer that is not
            // there (the default port on a server without one) must not hide it.
            Outcome.Failure<T> adminFailure = (Outcome.Failure<T>) viaAdmin;
            return Outcome.failure(f.kind(), f.message() + "; the AdminServer fallback failed too ("
                    + adminFailure.kind().label() + "): " + adminFailure.message(), f.took().plus(adminFailure.took()));
        }
        return outcome;
    }

    /**
     * Forgets a member that is no longer polled: its sticky AdminServer choices and its own timing and byte
     * series, which would otherwise stay in {@code /metrics} with their last values.
     */
    void forget(String server) {
        adminPreferred.removeIf(k -> k.startsWith(server + "/"));
        removeMeters(server);
    }

    /** Stops metering and removes every series of this ensemble: the poller is closed. */
    void close() {
        closed = true;
        removeMeters(null);
    }

    private void removeMeters(String server) {
        for (String name : new String[] {DURATION, READ_BYTES}) {
            var search = meters.find(name).tag("ensemble", ensemble);
            if (server != null) {
                search = search.tag("server", server);
            }
            search.meters().forEach(meters::remove);
        }
    }

    private <T> Outcome<T> attempt(Collector<T> collector, CommandTransport transport, String server) {
        String source = transport.format() == ReplyFormat.ADMIN_JSON ? "admin" : "4lw";
        CountingTransport counting = new CountingTransport(transport, parsePauseMillis);
        long start = System.nanoTime();
        Outcome<T> outcome;
        try {
            T value = collector.collect(counting);
            outcome = Outcome.success(value, Duration.ofNanos(System.nanoTime() - start), counting.bytes());
        } catch (CollectorException e) {
            outcome = Outcome.failure(e, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            // A parser bug must cost one reading, never the poller thread.
            outcome = Outcome.failure(FailureKind.UNPARSEABLE, "internal error while reading "
                    + collector.command().label() + " from " + server + ": " + e, Duration.ofNanos(System.nanoTime() - start));
        }
        long took = System.nanoTime() - start;
        if (closed) {
            return outcome; // a poll that was in flight at close: recording it would bring the series back
        }
        String collectorName = collector.command().label();
        Timer.builder(DURATION)
                .description("Time to fetch and parse one command from one member, per poll")
                .tags("ensemble", ensemble, "server", server, "collector", collectorName, "source", source,
                        "result", outcome.isSuccess() ? "success" : "failure")
                .register(meters).record(took, TimeUnit.NANOSECONDS);
        Counter.builder(READ_BYTES)
                .description("Bytes read from members, per command")
                .baseUnit("bytes")
                .tags("ensemble", ensemble, "server", server, "collector", collectorName, "source", source)
                .register(meters).increment(counting.bytes());
        return outcome;
    }

    /** Counts the reply bytes a collector consumed, including collectors that fetch more than one command. */
    private static final class CountingTransport implements CommandTransport {
        private final CommandTransport delegate;
        private final long parsePauseMillis;
        private final AtomicLong bytes = new AtomicLong();

        CountingTransport(CommandTransport delegate, long parsePauseMillis) {
            this.delegate = delegate;
            this.parsePauseMillis = parsePauseMillis;
        }

        long bytes() {
            return bytes.get();
        }

        /** The benchmark hook: the reply is complete and its connection closed; only the parser waits. */
        private void pauseBeforeParsing(Reply reply) throws CollectorException {
            try {
                Thread.sleep(parsePauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply.close();
                throw new CollectorException(FailureKind.UNAVAILABLE, "interrupted in the benchmark parse pause");
            }
        }

        @Override
        public ReplyFormat format() {
            return delegate.format();
        }

        @Override
        public String target() {
            return delegate.target();
        }

        @Override
        public Reply fetch(Command command) throws CollectorException {
            Reply reply = delegate.fetch(command);
            bytes.addAndGet(reply.size());
            if (parsePauseMillis > 0 && command.expensive()) {
                pauseBeforeParsing(reply);
            }
            return reply;
        }
    }
}
