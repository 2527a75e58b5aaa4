package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Limits;
import java.util.Optional;

/**
 * The ways to reach one ensemble member. Every transport is immutable and thread-safe, holds no open
 * resources between calls (so it needs no closing), and applies its {@link Limits} to every call: a
 * transport per member and per set of limits is cheap.
 */
public final class Transports {
    private Transports() {
    }

    /** Four-letter words over plain TCP, e.g. to {@code clientPort} 2181. */
    public static CommandTransport fourLetter(String host, int port, Limits limits) {
        return new FourLetterTransport(host, port, Optional.empty(), limits);
    }

    /** Four-letter words over TLS, e.g. to {@code secureClientPort} 2281 (Netty server). */
    public static CommandTransport fourLetterTls(String host, int port, TlsSettings tls, Limits limits) {
        return new FourLetterTransport(host, port, Optional.of(tls), limits);
    }

    /** AdminServer JSON over HTTP or HTTPS. */
    public static CommandTransport admin(AdminEndpoint endpoint, Limits limits) {
        return new AdminTransport(endpoint, limits);
    }
}
