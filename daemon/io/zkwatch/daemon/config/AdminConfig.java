package io.zkwatch.daemon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach the AdminServer of an ensemble's members, before it is applied to each member (see
 * {@link #endpointFor}). Enabled by default on ZooKeeper's own default port, because {@code source: auto}
 * relies on it for every command the default 4lw whitelist refuses.
 *
 * @param enabled whether members without an {@code admin_url} of their own have an AdminServer endpoint
 * @param scheme {@code http} or {@code https}
 * @param port the AdminServer port ({@code admin.serverPort}, 8080 by default)
 * @param commandsPath the commands root ({@code admin.commandURL}, {@code /commands} by default)
 * @param authorizationFile a file whose content is sent as the {@code Authorization} header
 * @param tls trust material for https; when empty, a member's own {@code tls} is used, else the JVM's
 */
public record AdminConfig(boolean enabled, String scheme, int port, String commandsPath,
                          Optional<Path> authorizationFile, Optional<TlsConfig> tls) {
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*/?");

    public AdminConfig {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(commandsPath, "commandsPath");
        Objects.requireNonNull(authorizationFile, "authorizationFile");
        Objects.requireNonNull(tls, "tls");
        Problems p = new Problems();
        boolean web = p.check(scheme.equals("http") || scheme.equals("https"), "scheme",
                Values.quote(scheme) + " is not a scheme zkwatch speaks (use http or https)");
        p.check(port >= 1 && port <= 65535, "port", port + " is out of range (must be 1-65535)");
        p.check(commandsPath.startsWith("/") && PATH.matcher(commandsPath).matches(), "commands_path",
                Values.quote(commandsPath) + " is not a URL path (write e.g. /commands)");
        p.check(!web || tls.isEmpty() || scheme.equals("https"), "tls", "is only used with scheme: https");
        p.throwIfAny();
    }

    /** ZooKeeper's own AdminServer defaults: http on port 8080 under {@code /commands}. */
    public static AdminConfig defaults() {
        return new AdminConfig(true, "http", 8080, "/commands", Optional.empty(), Optional.empty());
    }

    /**
     * The AdminServer endpoint of one member: its own {@code admin_url} if it has one (which works even when
     * the ensemble's AdminServer is disabled), else this configuration applied to the member's host.
     */
    public Optional<AdminEndpoint> endpointFor(HostPort member, Optional<TlsConfig> memberTls,
                                               Optional<URI> adminUrl) {
        URI base;
        if (adminUrl.isPresent()) {
            URI url = adminUrl.get();
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            base = path.isEmpty() || path.equals("/") ? URI.create(stripSlash(url.toString()) + commandsPath) : url;
        } else if (enabled) {
            base = URI.create(scheme + "://" + member.uriHost() + ":" + port + commandsPath);
        } else {
            return Optional.empty();
        }
        Optional<TlsConfig> endpointTls = "https".equals(base.getScheme()) ? tls.or(() -> memberTls) : Optional.empty();
        return Optional.of(new AdminEndpoint(base, authorizationFile, endpointTls));
    }

    /**
     * Parses an {@code admin_url}.
     *
     * @throws IllegalArgumentException whose message is the reason, phrased to follow the quoted value
     */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The exception's own message repeats the input, which might hold credentials: not passed on.
            throw new IllegalArgumentException("is not a URL (write e.g. https://zk1.example:8443/commands)");
        }
        String problem = urlProblem(uri);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return uri.normalize();
    }

    /** Null when {@code uri} can be an AdminServer base URI, else the reason (never repeating the URI). */
    static String urlProblem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "is not an http or https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry user:password@; use admin.authorization_file";
        }
        if (uri.getHost() == null) {
            return "has no host";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        return null;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
