package io.zkwatch.daemon.config;

import io.zkwatch.collectors.Command;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One member's AdminServer, resolved: where its commands live and how to reach them.
 *
 * @param baseUri the commands root, such as {@code http://zk1:8080/commands}; a command is one path
 *     segment below it
 * @param authorizationFile a file whose content is sent as the {@code Authorization} header; read commands
 *     need none on 3.9, but sites may put the AdminServer behind an authenticating proxy
 * @param tls trust material for an {@code https} base URI; empty means the JVM's default trust
 */
public record AdminEndpoint(URI baseUri, Optional<Path> authorizationFile, Optional<TlsConfig> tls) {

    public AdminEndpoint {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(authorizationFile, "authorizationFile");
        Objects.requireNonNull(tls, "tls");
        String problem = AdminConfig.urlProblem(baseUri);
        if (problem != null) {
            throw new ConfigException("admin_url", problem);
        }
        if (tls.isPresent() && !isHttps(baseUri)) {
            throw new ConfigException("admin_url", "TLS settings apply only to an https URL");
        }
    }

    /** The URI of one command, such as {@code http://zk1:8080/commands/monitor}. */
    public URI commandUri(Command command) {
        String base = baseUri.toString();
        return URI.create(base.endsWith("/") ? base + command.adminName() : base + "/" + command.adminName());
    }

    public boolean isHttps() {
        return isHttps(baseUri);
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }
}
