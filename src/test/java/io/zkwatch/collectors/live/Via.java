package io.zkwatch.collectors.live;

import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.transport.AdminEndpoint;
import io.zkwatch.collectors.transport.Transports;
import io.zkwatch.daemon.localzk.LocalServer;

/** The two plain ways to reach a live member: four-letter words on its client port, or its AdminServer over HTTP. */
enum Via {
    FOUR_LETTER,
    ADMIN;

    CommandTransport to(LocalServer server, Limits limits) {
        return switch (this) {
            case FOUR_LETTER -> Transports.fourLetter(server.host(), server.clientPort(), limits);
            case ADMIN -> Transports.admin(admin(server), limits);
        };
    }

    /** The member's plain-HTTP AdminServer with the default commands root. */
    static AdminEndpoint admin(LocalServer server) {
        return AdminEndpoint.of("http://" + server.host() + ":" + server.adminPort());
    }
}
