package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How zkwatch's own HTTP endpoint protects itself: TLS, and basic auth against bcrypt hashes. It is read from a
 * separate file ({@code --web.config.file}) written like the web configuration of Prometheus's exporter-toolkit,
 * so one file format serves zkwatch, node_exporter and Prometheus alike; see {@link WebConfigReader}.
 *
 * @param tls empty for plain HTTP
 * @param basicAuthUsers user name to bcrypt hash; empty for no authentication
 */
public record WebConfig(Optional<TlsServer> tls, Map<String, String> basicAuthUsers) {

    /** {@code $2a$}, {@code $2b$} or {@code $2y$}, a two-digit cost, then 22 characters of salt and 31 of hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    public WebConfig {
        Objects.requireNonNull(tls, "tls");
        basicAuthUsers = Map.copyOf(basicAuthUsers);
        Problems p = new Problems();
        for (Map.Entry<String, String> user : new TreeMap<>(basicAuthUsers).entrySet()) {
            String key = "basic_auth_users[" + Values.quote(user.getKey()) + "]";
            p.check(!user.getKey().isEmpty() && user.getKey().indexOf(':') < 0, key,
                    "a user name must be non-empty and hold no colon (basic auth splits user:password at the first)");
            bcryptCost(user.getValue()).ifPresentOrElse(
                    cost -> p.check(cost >= 4 && cost <= 31, key, "has bcrypt cost " + cost + "; bcrypt allows 4-31"),
                    () -> p.add(key, "is not a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters; value not shown, "
                            + "it may be a password); make one with: htpasswd -nBC 10 " + user.getKey()));
        }
        p.throwIfAny();
    }

    /** Plain HTTP, no authentication: the endpoint without a web configuration file. */
    public static WebConfig open() {
        return new WebConfig(Optional.empty(), Map.of());
    }

    /** The cost factor of a well-formed bcrypt hash. */
    public static Optional<Integer> bcryptCost(String hash) {
        var m = BCRYPT.matcher(hash);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The TLS protocol versions zkwatch can be asked for; anything older than TLS 1.2 is refused outright. */
    public enum TlsVersion implements ConfigName {
        TLS12("TLS12", "TLSv1.2"),
        TLS13("TLS13", "TLSv1.3");

        private final String configName;
        private final String protocol;

        TlsVersion(String configName, String protocol) {
            this.configName = configName;
            this.protocol = protocol;
        }

        @Override
        public String configName() {
            return configName;
        }

        /** The JSSE protocol name. */
        public String protocol() {
            return protocol;
        }
    }

    /** exporter-toolkit's {@code client_auth_type}, with Go's crypto/tls meaning of each. */
    public enum ClientAuth implements ConfigName {
        /** No client certificate is asked for. */
        NO_CLIENT_CERT("NoClientCert", false, false),
        /** One is asked for, not required, and not verified. */
        REQUEST_CLIENT_CERT("RequestClientCert", false, false),
        /** One is required, but any certificate will do. */
        REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, false),
        /** One is asked for; if given, it must chain to client_ca_file. */
        VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", false, true),
        /** One is required and must chain to client_ca_file. */
        REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true);

        private final String configName;
        private final boolean required;
        private final boolean verified;

        ClientAuth(String configName, boolean required, boolean verified) {
            this.configName = configName;
            this.required = required;
            this.verified = verified;
        }

        @Override
        public String configName() {
            return configName;
        }

        public boolean required() {
            return required;
        }

        /** Whether a given certificate must chain to {@code client_ca_file}. */
        public boolean verified() {
            return verified;
        }
    }

    /**
     * The server side of TLS: a PEM certificate chain and its key, which protocol versions to accept, and
     * whether (and how) to ask clients for certificates.
     */
    public record TlsServer(Path certFile, Path keyFile, ClientAuth clientAuth, Optional<Path> clientCaFile,
                            TlsVersion minVersion, TlsVersion maxVersion) {
        public TlsServer {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(clientAuth, "clientAuth");
            Objects.requireNonNull(clientCaFile, "clientCaFile");
            Objects.requireNonNull(minVersion, "minVersion");
            Objects.requireNonNull(maxVersion, "maxVersion");
            Problems p = new Problems();
            p.check(!clientAuth.verified() || clientCaFile.isPresent(), "client_ca_file",
                    "missing; client_auth_type " + clientAuth.configName()
                            + " verifies client certificates against it");
            p.check(clientAuth.verified() || clientCaFile.isEmpty(), "client_ca_file",
                    "is given, but client_auth_type " + clientAuth.configName() + " never verifies a client "
                            + "certificate; use VerifyClientCertIfGiven or RequireAndVerifyClientCert");
            p.check(minVersion.compareTo(maxVersion) <= 0, "max_version",
                    maxVersion.configName() + " is below min_version " + minVersion.configName());
            p.throwIfAny();
        }

        /** The JSSE protocol names to enable, oldest first. */
        public List<String> protocols() {
            return java.util.Arrays.stream(TlsVersion.values())
                    .filter(v -> v.compareTo(minVersion) >= 0 && v.compareTo(maxVersion) <= 0)
                    .map(TlsVersion::protocol).toList();
        }
    }
}
