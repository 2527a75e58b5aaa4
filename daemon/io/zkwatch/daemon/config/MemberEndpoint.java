package io.zkwatch.daemon.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one ensemble member, fully resolved: everything a transport needs and nothing to merge.
 *
 * @param address host and client port for four-letter words (the {@code secureClientPort} when {@code tls}
 *     is present)
 * @param tls present when four-letter words go over TLS
 * @param admin the member's AdminServer, when it has one
 */
public record MemberEndpoint(HostPort address, Optional<TlsConfig> tls, Optional<AdminEndpoint> admin) {

    public MemberEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(admin, "admin");
    }
}
