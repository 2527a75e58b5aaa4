package io.zkwatch.collectors.transport;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a transport speaks TLS: where its context comes from (client certificate, trusted CAs) and whether
 * the server's certificate must match the host name dialled. Verification is on unless turned off on purpose.
 */
public record TlsSettings(SslContextSource contexts, boolean verifyHostname) {

    public TlsSettings {
        Objects.requireNonNull(contexts, "contexts");
    }

    /** TLS with the given context and host name verification on. */
    public static TlsSettings of(SslContextSource contexts) {
        return new TlsSettings(contexts, true);
    }

    /** The JVM's default context (its cacerts, no client certificate), host name verification on. */
    public static TlsSettings systemDefault() {
        return of(SSLContext::getDefault);
    }

    /** For servers whose certificates do not name the address zkwatch uses (for example a bare IP). */
    public TlsSettings withoutHostnameVerification() {
        return new TlsSettings(contexts, false);
    }
}
