package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/**
 * Where a TLS transport gets its {@link SSLContext}, asked once per call. A source may build a fresh
 * context each time, or cache one and rebuild it when its files change ({@link TlsMaterial#reloadingOnChange()}),
 * so certificate rotation needs no restart. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SslContextSource {

    SSLContext sslContext() throws IOException, GeneralSecurityException;
}
