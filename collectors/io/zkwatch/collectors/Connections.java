package io.zkwatch.collectors;

import java.util.List;
import java.util.OptionalLong;

/** The connection listing of one member, in the server's order. */
public record Connections(List<Connection> connections) {
    public Connections {
        connections = List.copyOf(connections);
    }

    /** Connections that carry a session; the querying socket and unauthenticated sockets have none. */
    public List<Connection> withSession() {
        return connections.stream().filter(c -> c.sessionId().isPresent()).toList();
    }

    /** The session ids present, in order. */
    public List<Long> sessionIds() {
        return connections.stream().map(Connection::sessionId).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).toList();
    }
}
