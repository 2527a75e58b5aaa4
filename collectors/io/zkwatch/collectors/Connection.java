package io.zkwatch.collectors;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One client connection from {@code cons} (4lw) or {@code connections} (AdminServer).
 *
 * <p>Everything after {@code sent} exists only for a connection with a session: ZooKeeper prints none of it
 * for a socket without one (the 4lw {@code cons} always lists the querying socket itself that way), and
 * {@code lcxid} only when it is not negative. Absent fields are absent, never zero.
 *
 * <p>A value class with the accessors of the record it was. The numbers are held as plain fields with a bit per
 * optional one, not as an {@code OptionalLong} each: {@code cons} lists every connection of a server on every poll,
 * and ten optionals a line cost as much as parsing it. An accessor makes its optional when asked.
 */
public final class Connection {

    /** The values a connection has only with a session, each present or absent on its own. */
    public enum Value {
        SESSION_ID, ESTABLISHED, SESSION_TIMEOUT, LAST_CXID, LAST_ZXID, LAST_RESPONSE, LAST_LATENCY, MIN_LATENCY,
        AVG_LATENCY, MAX_LATENCY;

        private final int bit = 1 << ordinal();
    }

    /** Which of the server's listeners the connection came in on, where the source says. */
    public enum Listener {
        /** The plain {@code clientPort} (AdminServer {@code connections}). */
        CLIENT_PORT,
        /** The TLS {@code secureClientPort} (AdminServer {@code secure_connections}). */
        SECURE_CLIENT_PORT,
        /** 4lw {@code cons} lists only the listener the command itself arrived on. */
        QUERIED_PORT
    }

    /**
     * Where the client is. ZooKeeper prints {@code hostname/ip:port} when it knows the name, {@code /ip:port}
     * otherwise, and the AdminServer {@code hostname:port} or {@code ip:port}; so at least one of the two is there.
     */
    public record ClientAddress(Optional<String> hostName, Optional<String> ip, int port) {
        public ClientAddress {
            Objects.requireNonNull(hostName, "hostName");
            Objects.requireNonNull(ip, "ip");
            if (hostName.isEmpty() && ip.isEmpty()) {
                throw new IllegalArgumentException("neither host name nor ip");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** The IP literal when known, else the host name: the value used to group clients. */
        public String host() {
            return ip.orElseGet(hostName::orElseThrow);
        }
    }

    private final Optional<ClientAddress> address;
    private final Listener listener;
    private final int interestOps;
    private final long queued;
    private final long received;
    private final long sent;
    private final Optional<String> lastOperation;
    /** A bit per {@link Value} present; {@code values} by ordinal, zero where absent. */
    private final int present;
    private final long[] values;

    /**
     * Every value given as it is read back; an empty optional is a value the server did not print.
     *
     * @param address empty when the server printed no address (a socket closed while listing)
     * @param interestOps the NIO interest set: 0 while throttled or closing, 1 (read) normally
     * @param queued requests received but not yet answered
     * @param established epoch milliseconds when the session was established on this connection
     * @param lastResponse the server's monotonic clock at the last response, in milliseconds (not epoch)
     */
    public Connection(Optional<ClientAddress> address, Listener listener, int interestOps, long queued,
                      long received, long sent, OptionalLong sessionId, Optional<String> lastOperation,
                      OptionalLong established, OptionalInt sessionTimeout, OptionalLong lastCxid,
                      OptionalLong lastZxid, OptionalLong lastResponse, OptionalLong lastLatency,
                      OptionalLong minLatency, OptionalLong avgLatency, OptionalLong maxLatency) {
        this(builder(address, listener, interestOps, queued, received, sent).lastOperation(lastOperation)
                .set(Value.SESSION_ID, sessionId).set(Value.ESTABLISHED, established)
                .set(Value.SESSION_TIMEOUT, sessionTimeout.isPresent() ? OptionalLong.of(sessionTimeout.getAsInt())
                        : OptionalLong.empty())
                .set(Value.LAST_CXID, lastCxid).set(Value.LAST_ZXID, lastZxid).set(Value.LAST_RESPONSE, lastResponse)
                .set(Value.LAST_LATENCY, lastLatency).set(Value.MIN_LATENCY, minLatency)
                .set(Value.AVG_LATENCY, avgLatency).set(Value.MAX_LATENCY, maxLatency));
    }

    private Connection(Builder b) {
        this.address = Objects.requireNonNull(b.address, "address");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.lastOperation = Objects.requireNonNull(b.lastOperation, "lastOperation");
        if (b.queued < 0 || b.received < 0 || b.sent < 0 || b.interestOps < 0) {
            throw new IllegalArgumentException("negative counter");
        }
        long[] v = b.values;
        if ((b.present & Value.SESSION_ID.bit) != 0 && v[Value.SESSION_ID.ordinal()] == 0) {
            throw new IllegalArgumentException("session id 0 means no session: use empty");
        }
        long timeout = v[Value.SESSION_TIMEOUT.ordinal()];
        if (timeout != (int) timeout) {
            throw new ArithmeticException("session timeout " + timeout + " ms does not fit an int");
        }
        this.interestOps = b.interestOps;
        this.queued = b.queued;
        this.received = b.received;
        this.sent = b.sent;
        this.present = b.present;
        this.values = v;
    }

    /**
     * A connection of the counters every listing prints; the rest is absent until set. For parsers: a value is
     * set as a plain number, so a line makes no optional.
     */
    public static Builder builder(Optional<ClientAddress> address, Listener listener, int interestOps, long queued,
                                  long received, long sent) {
        return new Builder(address, listener, interestOps, queued, received, sent);
    }

    /** See {@link #builder}; {@link #set} makes a value present, and an empty optional leaves it absent. */
    public static final class Builder {
        private final Optional<ClientAddress> address;
        private final Listener listener;
        private final int interestOps;
        private final long queued;
        private final long received;
        private final long sent;
        private Optional<String> lastOperation = Optional.empty();
        private int present;
        /** Handed to the connection by {@link #build}: a builder makes one connection. */
        private long[] values = new long[Value.values().length];

        private Builder(Optional<ClientAddress> address, Listener listener, int interestOps, long queued,
                        long received, long sent) {
            this.address = address;
            this.listener = listener;
            this.interestOps = interestOps;
            this.queued = queued;
            this.received = received;
            this.sent = sent;
        }

        public Builder lastOperation(Optional<String> v) {
            lastOperation = v;
            return this;
        }

        /** Makes {@code value} present as {@code v}; a session timeout must fit an int by {@link #build}. */
        public Builder set(Value value, long v) {
            if (values == null) {
                throw new IllegalStateException("already built");
            }
            values[value.ordinal()] = v;
            present |= value.bit;
            return this;
        }

        /** {@link #set(Value, long)} when {@code v} is present; an empty {@code v} leaves the value absent. */
        public Builder set(Value value, OptionalLong v) {
            return v.isPresent() ? set(value, v.getAsLong()) : this;
        }

        /**
         * The connection; fails as the constructor does (a null, a negative counter, session id 0), and with an
         * ArithmeticException for a session timeout beyond an int.
         */
        public Connection build() {
            if (values == null) {
                throw new IllegalStateException("already built");
            }
            Connection c = new Connection(this);
            values = null;
            return c;
        }
    }

    private OptionalLong optional(Value v) {
        return (present & v.bit) != 0 ? OptionalLong.of(values[v.ordinal()]) : OptionalLong.empty();
    }

    /** Empty when the server printed no address (a socket closed while listing). */
    public Optional<ClientAddress> address() {
        return address;
    }

    public Listener listener() {
        return listener;
    }

    /** The NIO interest set: 0 while throttled or closing, 1 (read) normally. */
    public int interestOps() {
        return interestOps;
    }

    /** Requests received but not yet answered. */
    public long queued() {
        return queued;
    }

    public long received() {
        return received;
    }

    public long sent() {
        return sent;
    }

    public OptionalLong sessionId() {
        return optional(Value.SESSION_ID);
    }

    public Optional<String> lastOperation() {
        return lastOperation;
    }

    /** Epoch milliseconds when the session was established on this connection. */
    public OptionalLong established() {
        return optional(Value.ESTABLISHED);
    }

    public OptionalInt sessionTimeout() {
        return (present & Value.SESSION_TIMEOUT.bit) != 0 ? OptionalInt.of((int) values[Value.SESSION_TIMEOUT.ordinal()]) : OptionalInt.empty();
    }

    public OptionalLong lastCxid() {
        return optional(Value.LAST_CXID);
    }

    public OptionalLong lastZxid() {
        return optional(Value.LAST_ZXID);
    }

    /** The server's monotonic clock at the last response, in milliseconds (not epoch). */
    public OptionalLong lastResponse() {
        return optional(Value.LAST_RESPONSE);
    }

    public OptionalLong lastLatency() {
        return optional(Value.LAST_LATENCY);
    }

    public OptionalLong minLatency() {
        return optional(Value.MIN_LATENCY);
    }

    public OptionalLong avgLatency() {
        return optional(Value.AVG_LATENCY);
    }

    public OptionalLong maxLatency() {
        return optional(Value.MAX_LATENCY);
    }

    /** Equal when every value, and whether it is present, is equal: as the record was. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Connection c)) {
            return false;
        }
        return interestOps == c.interestOps && queued == c.queued && received == c.received && sent == c.sent
                && present == c.present && listener == c.listener && address.equals(c.address)
                && lastOperation.equals(c.lastOperation) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, listener, interestOps, queued, received, sent, lastOperation, present,
                Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Connection[address=" + address + ", listener=" + listener + ", interestOps=" + interestOps
                + ", queued=" + queued + ", received=" + received + ", sent=" + sent + ", sessionId=" + sessionId()
                + ", lastOperation=" + lastOperation + ", established=" + established() + ", sessionTimeout="
                + sessionTimeout() + ", lastCxid=" + lastCxid() + ", lastZxid=" + lastZxid() + ", lastResponse="
                + lastResponse() + ", lastLatency=" + lastLatency() + ", minLatency=" + minLatency()
                + ", avgLatency=" + avgLatency() + ", maxLatency=" + maxLatency() + "]";
    }
}
