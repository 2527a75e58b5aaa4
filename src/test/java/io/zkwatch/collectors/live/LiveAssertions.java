package io.zkwatch.collectors.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Collector;
import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Connections;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Small helpers the live tests share: limits, typed-failure checks, bounded waits and quiet ensembles. */
final class LiveAssertions {

    private static final Pattern ZXID = Pattern.compile("Zxid: (0x[0-9a-f]+)");

    private LiveAssertions() {
    }

    /** Closes a version's load, then its servers; either may still be unset when the start failed. */
    static void closeBoth(LiveLoad load, LocalEnsemble ensemble) {
        try {
            if (load != null) {
                load.close();
            }
        } finally {
            if (ensemble != null) {
                ensemble.close();
            }
        }
    }

    /** Whether {@code version} (such as {@code 3.8.4}) is {@code major.minor} or later. */
    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        int have = Integer.parseInt(parts[0]);
        return have > major || (have == major && Integer.parseInt(parts[1]) >= minor);
    }

    /** 64 MiB cap, 1 MiB lines, 256 KiB on the heap; spill files in {@code spool}. */
    static Limits limits(Duration connect, Duration deadline, Path spool) {
        return new Limits(connect, deadline, 64L << 20, 1 << 20, 256 << 10, spool);
    }

    /** Collects and expects a typed failure of {@code kind}: never a record, never a zero. */
    static CollectorException assertFails(FailureKind kind, Collector<?> collector, CommandTransport transport) {
        CollectorException e = assertThrows(CollectorException.class, () -> collector.collect(transport),
                () -> collector.command().label() + " via " + transport.target() + " should fail as " + kind);
        assertEquals(kind, e.kind(), e::toString);
        return e;
    }

    /** What one call gave: {@code ok}, or the failure kind's label. */
    static String outcome(Collector<?> collector, CommandTransport transport) {
        try {
            collector.collect(transport);
            return "ok";
        } catch (CollectorException e) {
            return e.kind().label();
        }
    }

    /** The connections that carry a session, as session id → client host (the IP the server saw). */
    static Map<Long, String> hostsBySession(Connections connections) {
        return connections.withSession().stream().collect(Collectors.toMap(c -> c.sessionId().getAsLong(),
                c -> c.address().orElseThrow().host()));
    }

    /** The connections that carry a session, as session id → {@code host:port}. */
    static Map<Long, String> addressesBySession(Connections connections) {
        return connections.withSession().stream().collect(Collectors.toMap(c -> c.sessionId().getAsLong(),
                c -> c.address().orElseThrow().host() + ":" + c.address().orElseThrow().port()));
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, () -> "timed out after " + timeout + " waiting until " + what);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /**
     * Waits until every member reports the same last zxid through the harness's own probe: after the load,
     * no write is in flight and the followers have applied all of them, so readings describe one moment.
     */
    static void awaitSameZxid(Iterable<LocalServer> members, Duration timeout) {
        await("every member has applied the same last transaction", timeout, () -> {
            Optional<String> first = Optional.empty();
            for (LocalServer member : members) {
                Optional<String> zxid = zxid(member);
                if (zxid.isEmpty() || (first.isPresent() && !first.equals(zxid))) {
                    return false;
                }
                first = zxid;
            }
            return true;
        });
    }

    private static Optional<String> zxid(LocalServer member) {
        try {
            String srvr = new String(member.fourLetterWord("srvr", Duration.ofSeconds(2)), StandardCharsets.UTF_8);
            Matcher m = ZXID.matcher(srvr);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (java.io.IOException notNow) {
            return Optional.empty();
        }
    }
}
