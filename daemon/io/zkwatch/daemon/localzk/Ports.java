package io.zkwatch.daemon.localzk;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The TCP ports of one server. A standalone server has no quorum or election port; a secure-only server
 * has no plain client port.
 */
record Ports(OptionalInt client, OptionalInt secure, int admin, OptionalInt quorum, OptionalInt election) {
    Ports {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(secure, "secure");
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(election, "election");
        if (client.isEmpty() && secure.isEmpty()) {
            throw new IllegalArgumentException("a server needs a plain or a secure client port");
        }
        if (quorum.isPresent() != election.isPresent()) {
            throw new IllegalArgumentException("quorum and election ports come together");
        }
    }

    /** The port a readiness probe talks to: the plain one if there is one. */
    int probePort() {
        return client.isPresent() ? client.getAsInt() : secure.getAsInt();
    }

    boolean probeNeedsTls() {
        return client.isEmpty();
    }
}
