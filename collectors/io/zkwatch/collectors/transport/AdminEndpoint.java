package io.zkwatch.collectors.transport;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one member's AdminServer answers: a base URL such as {@code http://zk1:8080}, the commands root
 * ({@code /commands} unless the server sets {@code admin.commandURL}), an optional {@code Authorization}
 * header value, and for {@code https} the TLS settings (the JVM's default trust if none are given).
 *
 * @param base {@code http} or {@code https} URL with host, optional port and optional path prefix
 * @param commandsRoot path under the base where commands live; starts with {@code /}
 * @param authorization the exact value of the {@code Authorization} header, if any (never printed)
 * @param tls TLS settings; present exactly when the scheme is {@code https}
 */
public record AdminEndpoint(URI base, String commandsRoot, Optional<String> authorization, Optional<TlsSettings> tls) {
    public static final String DEFAULT_COMMANDS_ROOT = "/commands";
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*");

    public AdminEndpoint {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(commandsRoot, "commandsRoot");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(tls, "tls");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("AdminServer URL must be http or https: " + base);
        }
        if (base.getHost() == null || base.getRawQuery() != null || base.getRawFragment() != null
                || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("AdminServer URL needs a host and no user, query or fragment: " + base);
        }
        String prefix = stripTrailingSlash(base.getRawPath() == null ? "" : base.getRawPath());
        if (!PATH.matcher(prefix).matches()) {
            throw new IllegalArgumentException("unsupported characters in the AdminServer URL path: " + base);
        }
        base = URI.create(scheme + "://" + base.getRawAuthority() + prefix);
        commandsRoot = stripTrailingSlash(commandsRoot);
        if (!commandsRoot.startsWith("/") || !PATH.matcher(commandsRoot).matches()) {
            throw new IllegalArgumentException("commands root must be a path such as /commands: " + commandsRoot);
        }
        if (authorization.filter(v -> v.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)).isPresent()) {
            throw new IllegalArgumentException("the Authorization value contains control characters");
        }
        if (scheme.equals("https") && tls.isEmpty()) {
            tls = Optional.of(TlsSettings.systemDefault());
        }
        if (scheme.equals("http") && tls.isPresent()) {
            throw new IllegalArgumentException("TLS settings given for a plain http URL: " + base);
        }
    }

    /** An endpoint with the default commands root, no authorization and, for https, the JVM's default trust. */
    public static AdminEndpoint of(String baseUrl) {
        return new AdminEndpoint(URI.create(baseUrl), DEFAULT_COMMANDS_ROOT, Optional.empty(), Optional.empty());
    }

    public AdminEndpoint withCommandsRoot(String root) {
        return new AdminEndpoint(base, root, authorization, tls);
    }

    /** Sends this exact {@code Authorization} header value, for example {@code "digest admin:secret"}. */
    public AdminEndpoint withAuthorization(String headerValue) {
        return new AdminEndpoint(base, commandsRoot, Optional.of(headerValue), tls);
    }

    public AdminEndpoint withTls(TlsSettings settings) {
        return new AdminEndpoint(base, commandsRoot, authorization, Optional.of(settings));
    }

    boolean secure() {
        return tls.isPresent();
    }

    /** Host to dial, without IPv6 brackets. */
    String host() {
        String host = base.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    int port() {
        return base.getPort() >= 0 ? base.getPort() : secure() ? 443 : 80;
    }

    /** The Host header value: the URL's own authority. */
    String hostHeader() {
        return base.getRawAuthority();
    }

    /** The request path of one command, e.g. {@code /commands/monitor}. */
    String path(String adminName) {
        return base.getRawPath() + commandsRoot + "/" + adminName;
    }

    String url(String adminName) {
        return base + commandsRoot + "/" + adminName;
    }

    /** Never prints the authorization value. */
    @Override
    public String toString() {
        return "AdminEndpoint[" + base + commandsRoot + (authorization.isPresent() ? ", with Authorization" : "")
                + (tls.isPresent() && !tls.get().verifyHostname() ? ", no host name verification" : "") + "]";
    }

    private static String stripTrailingSlash(String path) {
        String result = path;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
