package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the web configuration file given by {@code --web.config.file}: the subset of exporter-toolkit's format
 * that zkwatch implements, as strictly as zkwatch's own configuration. Keys exporter-toolkit knows but zkwatch does
 * not implement are refused by name with that reason, so a file copied from another exporter never half-works.
 * The files it names are read now: a certificate that does not match its key fails here, not at the first scrape.
 */
public final class WebConfigReader {
    static final Set<String> TOP_KEYS = Set.of("tls_server_config", "basic_auth_users");
    static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file",
            "min_version", "max_version");
    private static final Set<String> TOP_NOT_IMPLEMENTED = Set.of("http_server_config", "rate_limit");
    private static final Set<String> TLS_NOT_IMPLEMENTED = Set.of("cert", "key", "client_ca", "cipher_suites",
            "curve_preferences", "prefer_server_cipher_suites", "client_allowed_sans");

    private WebConfigReader() {
    }

    /**
     * Loads and checks {@code file}; relative paths inside it are taken from its directory, as Prometheus does.
     *
     * @throws ConfigException with every problem, keyed by the file's key paths
     */
    public static WebConfig load(Path file) throws ConfigException {
        return read(ConfigLoader.readBytes(file), file.toAbsolutePath().normalize().getParent(), Environment.system());
    }

    static WebConfig read(byte[] yaml, Path baseDir, Environment environment) {
        YamlNode root = YamlNode.root(YamlParsing.parse(yaml, "the file is empty; give tls_server_config or "
                + "basic_auth_users, or leave out --web.config.file"),
                new YamlNode.Context(new Problems(), environment, Optional.ofNullable(baseDir)));
        Problems problems = root.context().problems();
        if (!root.mapping(TOP_KEYS, TOP_NOT_IMPLEMENTED)) {
            problems.throwIfAny();
        }
        notImplemented(root, TOP_NOT_IMPLEMENTED);
        Optional<WebConfig.TlsServer> tls = root.field("tls_server_config").flatMap(WebConfigReader::readTls);
        Map<String, String> users = new LinkedHashMap<>();
        root.field("basic_auth_users").filter(YamlNode::anyMapping).ifPresent(n -> n.entries()
                .forEach(e -> e.getValue().string().ifPresent(hash -> users.put(e.getKey(), hash))));
        if (root.has("basic_auth_users") && users.isEmpty() && !problems.hasErrorAt("basic_auth_users")) {
            problems.add("basic_auth_users", "is empty; list user: bcrypt-hash pairs or remove the key");
        }
        Optional<WebConfig> config = problems.construct("", () -> new WebConfig(tls, users));
        problems.throwIfAny();
        return config.orElseThrow();
    }

    private static Optional<WebConfig.TlsServer> readTls(YamlNode node) {
        if (!node.mapping(TLS_KEYS, TLS_NOT_IMPLEMENTED)) {
            return Optional.empty();
        }
        notImplemented(node, TLS_NOT_IMPLEMENTED);
        Problems problems = node.context().problems();
        int before = problems.count();
        Optional<Path> cert = node.required("cert_file", "the server's PEM certificate chain")
                .flatMap(n -> n.file(Environment.FileUse.READABLE_FILE));
        Optional<Path> key = node.required("key_file", "the PEM private key of cert_file")
                .flatMap(n -> n.file(Environment.FileUse.READABLE_FILE));
        WebConfig.ClientAuth clientAuth = node.field("client_auth_type")
                .flatMap(n -> n.choice(WebConfig.ClientAuth.class)).orElse(WebConfig.ClientAuth.NO_CLIENT_CERT);
        Optional<Path> clientCa = node.field("client_ca_file").flatMap(n -> n.file(Environment.FileUse.READABLE_FILE));
        WebConfig.TlsVersion min = node.field("min_version").flatMap(WebConfigReader::version)
                .orElse(WebConfig.TlsVersion.TLS12);
        WebConfig.TlsVersion max = node.field("max_version").flatMap(WebConfigReader::version)
                .orElse(WebConfig.TlsVersion.TLS13);
        if (problems.count() > before) {
            return Optional.empty();
        }
        if (checkPem(node, "cert_file", () -> PemFiles.certificates(cert.get()))) {
            checkPem(node, "key_file", () -> PemFiles.keyStore(cert.get(), key.get(), "check".toCharArray()));
        }
        clientCa.ifPresent(ca -> checkPem(node, "client_ca_file", () -> PemFiles.trustStore(ca)));
        return problems.construct(node.path(),
                () -> new WebConfig.TlsServer(cert.get(), key.get(), clientAuth, clientCa, min, max));
    }

    /** TLS10 and TLS11 are known names, refused for what they are rather than as typos. */
    private static Optional<WebConfig.TlsVersion> version(YamlNode node) {
        if (node.string().filter(s -> s.equals("TLS10") || s.equals("TLS11")).isPresent()) {
            node.fail("zkwatch never accepts TLS below 1.2; use TLS12 or TLS13");
            return Optional.empty();
        }
        return node.choice(WebConfig.TlsVersion.class);
    }

    /** Whether {@code load} reads the file at {@code key}; if not, its reason is reported there. */
    private static boolean checkPem(YamlNode node, String key, Runnable load) {
        try {
            load.run();
            return true;
        } catch (IllegalArgumentException e) {
            node.field(key).ifPresent(n -> n.fail(e.getMessage()));
            return false;
        }
    }

    private static void notImplemented(YamlNode node, Set<String> keys) {
        for (String key : keys) {
            if (node.has(key)) {
                node.context().problems().add(node.path().isEmpty() ? key : node.path() + "." + key,
                        "is an exporter-toolkit setting that zkwatch does not implement; remove it");
            }
        }
    }
}
