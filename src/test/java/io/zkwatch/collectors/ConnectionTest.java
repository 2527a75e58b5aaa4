package io.zkwatch.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkwatch.collectors.Connection.ClientAddress;
import io.zkwatch.collectors.Connection.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Connection} holds its optional values as plain numbers with a presence bit each: it must read back, compare
 * and fail exactly as the record of optionals it replaced did, whether built by the constructor or the builder.
 */
class ConnectionTest {

    private static final Optional<ClientAddress> ADDRESS =
            Optional.of(new ClientAddress(Optional.empty(), Optional.of("10.0.0.7"), 40001));

    /** The optionals in constructor order: sessionId, established, timeout (as a long), cxid, zxid, ... maxLatency. */
    private static Connection construct(OptionalLong[] v, Optional<String> lop) {
        return new Connection(ADDRESS, Listener.QUERIED_PORT, 1, 0, 5, 4, v[0], lop, v[1],
                v[2].isPresent() ? OptionalInt.of((int) v[2].getAsLong()) : OptionalInt.empty(), v[3], v[4], v[5],
                v[6], v[7], v[8], v[9]);
    }

    private static Connection build(OptionalLong[] v, Optional<String> lop) {
        Connection.Builder b = Connection.builder(ADDRESS, Listener.QUERIED_PORT, 1, 0, 5, 4).lastOperation(lop);
        for (int i = 0; i < v.length; i++) {
            b.set(Connection.Value.values()[i], v[i]);
        }
        return b.build();
    }

    private static List<OptionalLong> readBack(Connection c) {
        OptionalInt to = c.sessionTimeout();
        return List.of(c.sessionId(), c.established(), to.isPresent() ? OptionalLong.of(to.getAsInt())
                : OptionalLong.empty(), c.lastCxid(), c.lastZxid(), c.lastResponse(), c.lastLatency(),
                c.minLatency(), c.avgLatency(), c.maxLatency());
    }

    @Test
    void everyValueReadsBackAsGivenAndAbsentIsNeverZero() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            OptionalLong[] v = new OptionalLong[10];
            for (int i = 0; i < v.length; i++) {
                int kind = random.nextInt(4);
                v[i] = kind == 0 ? OptionalLong.empty() : OptionalLong.of(kind == 1 ? 0 : kind == 2 ? -1
                        : 1 + random.nextInt(100_000));
            }
            if (v[0].isPresent() && v[0].getAsLong() == 0) {
                v[0] = OptionalLong.of(0x100007499e30000L);
            }
            Optional<String> lop = random.nextBoolean() ? Optional.of("PING") : Optional.empty();
            Connection made = construct(v, lop);
            Connection built = build(v, lop);
            assertEquals(List.of(v), readBack(made));
            assertEquals(made, built);
            assertEquals(made.hashCode(), built.hashCode());
            assertEquals(made.toString(), built.toString());
        }
    }

    @Test
    void anAbsentValueDiffersFromAPresentZeroAndEachValueCounts() {
        OptionalLong[] none = new OptionalLong[10];
        java.util.Arrays.fill(none, OptionalLong.empty());
        none[0] = OptionalLong.of(0x42);
        Connection base = construct(none, Optional.empty());
        List<Connection> variants = new ArrayList<>();
        for (int i = 1; i < none.length; i++) {
            OptionalLong[] zero = none.clone();
            zero[i] = OptionalLong.of(0);
            variants.add(construct(zero, Optional.empty()));
            OptionalLong[] one = none.clone();
            one[i] = OptionalLong.of(1);
            variants.add(construct(one, Optional.empty()));
        }
        for (int i = 0; i < variants.size(); i++) {
            assertNotEquals(base, variants.get(i), "variant " + i);
            for (int j = i + 1; j < variants.size(); j++) {
                assertNotEquals(variants.get(i), variants.get(j), "variants " + i + " and " + j);
            }
        }
        assertNotEquals(base, construct(none, Optional.of("PING")));
        assertNotEquals(base, new Connection(ADDRESS, Listener.QUERIED_PORT, 1, 0, 5, 5, none[0], Optional.empty(),
                none[1], OptionalInt.empty(), none[3], none[4], none[5], none[6], none[7], none[8], none[9]));
    }

    @Test
    void refusesWhatTheRecordRefused() {
        assertThrows(ArithmeticException.class, () -> Connection.builder(ADDRESS, Listener.CLIENT_PORT, 1, 0, 0, 0)
                .set(Connection.Value.SESSION_TIMEOUT, 1L << 40).build());
        Connection.Builder once = Connection.builder(ADDRESS, Listener.CLIENT_PORT, 1, 0, 0, 0);
        Connection first = once.build();
        assertThrows(IllegalStateException.class, () -> once.set(Connection.Value.ESTABLISHED, 1));
        assertThrows(IllegalStateException.class, once::build);
        assertEquals(OptionalLong.empty(), first.established());
        assertThrows(IllegalArgumentException.class, () -> Connection.builder(ADDRESS, Listener.CLIENT_PORT, 1, -1, 0, 0)
                .build());
        assertThrows(IllegalArgumentException.class, () -> Connection.builder(ADDRESS, Listener.CLIENT_PORT, -1, 0, 0, 0)
                .build());
        assertThrows(IllegalArgumentException.class, () -> Connection.builder(ADDRESS, Listener.CLIENT_PORT, 1, 0, 0, 0)
                .set(Connection.Value.SESSION_ID, 0).build());
        assertThrows(NullPointerException.class, () -> Connection.builder(null, Listener.CLIENT_PORT, 1, 0, 0, 0)
                .build());
        assertThrows(NullPointerException.class, () -> Connection.builder(ADDRESS, null, 1, 0, 0, 0).build());
        assertThrows(NullPointerException.class, () -> Connection.builder(ADDRESS, Listener.CLIENT_PORT, 1, 0, 0, 0)
                .lastOperation(null).build());
    }
}
