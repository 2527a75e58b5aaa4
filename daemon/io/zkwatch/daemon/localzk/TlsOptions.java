package io.zkwatch.daemon.localzk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for local servers: a secure client port served by Netty, and optionally an HTTPS
 * AdminServer. All stores are PKCS12 and share one password.
 *
 * @param keyStore the server's key and certificate chain (also used by the AdminServer, which reads
 *                 ZooKeeper's {@code ssl.quorum.*} stores)
 * @param trustStore the CAs the server accepts client certificates from
 * @param password the password of all three stores
 * @param probeKeyStore the client key the harness itself presents when it polls a secure-only server
 * @param needClientAuth whether the secure client port (and, from 3.9 on, HTTPS AdminServer) demands a
 *                       client certificate
 * @param admin how the AdminServer listens
 */
public record TlsOptions(Path keyStore, Path trustStore, String password, Path probeKeyStore,
                         boolean needClientAuth, AdminTransport admin) {

    /** The AdminServer's listener. */
    public enum AdminTransport {
        /** Plain HTTP, the default. */
        HTTP,
        /** HTTPS only ({@code admin.forceHttps}, ZooKeeper 3.7.1 and later). */
        HTTPS,
        /** HTTP and HTTPS on one port ({@code admin.portUnification}, ZooKeeper 3.6 and later). */
        HTTP_AND_HTTPS
    }

    public TlsOptions {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(probeKeyStore, "probeKeyStore");
        Objects.requireNonNull(admin, "admin");
        keyStore = keyStore.toAbsolutePath();
        trustStore = trustStore.toAbsolutePath();
        probeKeyStore = probeKeyStore.toAbsolutePath();
    }

    /** Client certificates required, AdminServer on plain HTTP. */
    public static TlsOptions of(Path keyStore, Path trustStore, String password, Path probeKeyStore) {
        return new TlsOptions(keyStore, trustStore, password, probeKeyStore, true, AdminTransport.HTTP);
    }

    public TlsOptions withAdmin(AdminTransport transport) {
        return new TlsOptions(keyStore, trustStore, password, probeKeyStore, needClientAuth, transport);
    }

    public TlsOptions withNeedClientAuth(boolean need) {
        return new TlsOptions(keyStore, trustStore, password, probeKeyStore, need, admin);
    }

    /** A client context presenting {@link #probeKeyStore()} and trusting {@link #trustStore()}. */
    public SSLContext probeContext() {
        return sslContext(probeKeyStore, trustStore, password);
    }

    /** A TLS client context presenting the key in {@code keyStore} and trusting the CAs in {@code trustStore}. */
    public static SSLContext sslContext(Path keyStore, Path trustStore, String password) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore, password), password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore, password));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new LocalZkException("cannot build a TLS context from " + keyStore + " and " + trustStore, e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
