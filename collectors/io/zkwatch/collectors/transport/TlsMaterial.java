package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client TLS material from files: an optional key store (the client certificate ZooKeeper asks for with
 * {@code ssl.clientAuth}) and an optional trust store (the CA that signed the servers). Without a trust
 * store the JVM's default CAs are trusted.
 *
 * <p>Every call to {@link #sslContext()} reads the files again, so a rotated certificate is picked up by
 * the next context built. {@link #reloadingOnChange()} wraps this in a cache that rebuilds only when a
 * file's modification time or size changes. Immutable and thread-safe.
 */
public final class TlsMaterial implements SslContextSource {

    /** Store formats. PEM: certificates, plus for a key store one unencrypted or encrypted PKCS#8 private key. */
    public enum StoreType {
        PKCS12, JKS, PEM;

        /** Guesses from the file name: .jks, .pem/.crt/.cer/.key, and PKCS12 for everything else (.p12, .pfx). */
        public static StoreType forFile(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".jks")) {
                return JKS;
            }
            if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".key")) {
                return PEM;
            }
            return PKCS12;
        }
    }

    private final Optional<Store> keyStore;
    private final Optional<Store> trustStore;
    private final String protocol;

    private TlsMaterial(Builder builder) {
        this.keyStore = builder.keyStore;
        this.trustStore = builder.trustStore;
        this.protocol = builder.protocol;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a new context from the files as they are now. */
    @Override
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyManager[] keyManagers = null;
        if (keyStore.isPresent()) {
            Store store = keyStore.get();
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store.load(), store.password());
            keyManagers = factory.getKeyManagers();
        }
        TrustManager[] trustManagers = null;
        if (trustStore.isPresent()) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore.get().load());
            trustManagers = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    /** The files this material is read from, for watching. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(2);
        keyStore.ifPresent(store -> files.add(store.path()));
        trustStore.ifPresent(store -> files.add(store.path()));
        return List.copyOf(files);
    }

    /**
     * A source that keeps the last context and rebuilds it when any file's modification time or size
     * changes (checked on every call: two file stats). A failed rebuild is reported and retried next call.
     */
    public SslContextSource reloadingOnChange() {
        return new ReloadingSslContextSource(this, files());
    }

    @Override
    public String toString() {
        return "TlsMaterial[keyStore=" + keyStore.map(Store::describe).orElse("none")
                + ", trustStore=" + trustStore.map(Store::describe).orElse("JVM default") + "]";
    }

    /** Collects the store files; passwords are copied. */
    public static final class Builder {
        private Optional<Store> keyStore = Optional.empty();
        private Optional<Store> trustStore = Optional.empty();
        private String protocol = "TLS";

        private Builder() {
        }

        /** The client certificate and key; the password opens both the store and the key. */
        public Builder keyStore(Path file, StoreType type, char[] password) {
            keyStore = Optional.of(new Store(file, type, password));
            return this;
        }

        public Builder keyStore(Path file, char[] password) {
            return keyStore(file, StoreType.forFile(file), password);
        }

        /** The CAs trusted to sign server certificates. */
        public Builder trustStore(Path file, StoreType type, char[] password) {
            trustStore = Optional.of(new Store(file, type, password));
            return this;
        }

        public Builder trustStore(Path file, char[] password) {
            return trustStore(file, StoreType.forFile(file), password);
        }

        /** The SSLContext protocol name; default "TLS" (the JVM's enabled TLS versions). */
        public Builder protocol(String name) {
            protocol = Objects.requireNonNull(name, "protocol");
            return this;
        }

        public TlsMaterial build() {
            return new TlsMaterial(this);
        }
    }

    private static final class Store {
        private final Path path;
        private final StoreType type;
        private final char[] password;

        Store(Path path, StoreType type, char[] password) {
            this.path = Objects.requireNonNull(path, "path");
            this.type = Objects.requireNonNull(type, "type");
            this.password = Objects.requireNonNull(password, "password").clone();
        }

        Path path() {
            return path;
        }

        char[] password() {
            return password.clone();
        }

        KeyStore load() throws IOException, GeneralSecurityException {
            if (type == StoreType.PEM) {
                return PemFiles.keyStore(path, password());
            }
            KeyStore store = KeyStore.getInstance(type.name());
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password());
            }
            return store;
        }

        String describe() {
            return path + " (" + type + ")";
        }
    }
}
