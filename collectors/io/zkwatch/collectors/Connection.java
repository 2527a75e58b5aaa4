package io.zkwatch.collectors;

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
 * @param address empty when the server printed no address (a socket closed while listing)
 * @param interestOps the NIO interest set: 0 while throttled or closing, 1 (read) normally
 * @param queued requests received but not yet answered
 * @param established epoch milliseconds when the session was established on this connection
 * @param lastResponse the server's monotonic clock at the last response, in milliseconds (not epoch)
 */
public record Connection(Optional<ClientAddress> address, Listener listener, int interestOps, long queued,
                         long received, long sent, OptionalLong sessionId, Optional<String> lastOperation,
                         OptionalLong established, OptionalInt sessionTimeout, OptionalLong lastCxid,
                         OptionalLong lastZxid, OptionalLong lastResponse, OptionalLong lastLatency,
                         OptionalLong minLatency, OptionalLong avgLatency, OptionalLong maxLatency) {

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

    public Connection {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(lastOperation, "lastOperation");
        Objects.requireNonNull(established, "established");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(lastCxid, "lastCxid");
        Objects.requireNonNull(lastZxid, "lastZxid");
        Objects.requireNonNull(lastResponse, "lastResponse");
        Objects.requireNonNull(lastLatency, "lastLatency");
        Objects.requireNonNull(minLatency, "minLatency");
        Objects.requireNonNull(avgLatency, "avgLatency");
        Objects.requireNonNull(maxLatency, "maxLatency");
        if (queued < 0 || received < 0 || sent < 0 || interestOps < 0) {
            throw new IllegalArgumentException("negative counter");
        }
        if (sessionId.isPresent() && sessionId.getAsLong() == 0) {
            throw new IllegalArgumentException("session id 0 means no session: use empty");
        }
    }
}
