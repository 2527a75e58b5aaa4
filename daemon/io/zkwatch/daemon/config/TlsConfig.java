package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Client-side TLS material for four-letter words sent to a {@code secureClientPort}, or for an HTTPS
 * AdminServer. Key and trust stores are PKCS12 or JKS files ({@code KeyStore.getInstance(File, char[])}
 * tells them apart). Without a trust store the JVM's default trust applies; without a key store no client
 * certificate is offered.
 *
 * @param hostnameVerification whether the server certificate must name the host dialled; off only for
 *     ensembles whose certificates do not carry their host names
 */
public record TlsConfig(
        Optional<Path> keystore,
        Optional<PasswordSource> keystorePassword,
        Optional<Path> truststore,
        Optional<PasswordSource> truststorePassword,
        boolean hostnameVerification) {

    public TlsConfig {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        Problems p = new Problems();
        if (keystore.isPresent()) {
            p.check(keystorePassword.isPresent(), "keystore",
                    "needs a password: add keystore_password_file or keystore_password_env");
        } else {
            p.check(keystorePassword.isEmpty(), "keystore", "missing, but a keystore password is given");
        }
        p.check(truststore.isPresent() || truststorePassword.isEmpty(), "truststore",
                "missing, but a truststore password is given");
        p.throwIfAny();
    }

    /** TLS with the JVM's default trust, no client certificate, host names verified. */
    public static TlsConfig jvmDefaults() {
        return new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);
    }
}
