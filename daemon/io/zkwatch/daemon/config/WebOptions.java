package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line flags that protect zkwatch's own endpoint, named as in Prometheus and node_exporter:
 * {@code --web.config.file} (TLS and basic auth, see {@link WebConfigReader}) and {@code --web.max-requests}.
 * They are flags rather than keys of zkwatch's configuration so that the same web configuration file can serve
 * every exporter on a host, and so that a reload of zkwatch's configuration never touches the listener.
 *
 * @param configFile the web configuration file; empty for plain HTTP without authentication
 * @param maxRequests scrapes of {@code /metrics} served at once; 0 for no limit
 */
public record WebOptions(Optional<Path> configFile, int maxRequests) {

    /** node_exporter's default for {@code --web.max-requests}. */
    public static final int DEFAULT_MAX_REQUESTS = 40;
    static final int MAX_MAX_REQUESTS = 100_000;

    public WebOptions {
        Objects.requireNonNull(configFile, "configFile");
        if (maxRequests < 0 || maxRequests > MAX_MAX_REQUESTS) {
            throw new IllegalArgumentException("maxRequests out of range: " + maxRequests);
        }
    }

    public static WebOptions defaults() {
        return new WebOptions(Optional.empty(), DEFAULT_MAX_REQUESTS);
    }

    /**
     * The web configuration, read now.
     *
     * @throws ConfigException with every problem, each keyed by its path in the file
     */
    public WebConfig load() throws ConfigException {
        return configFile.map(WebConfigReader::load).orElseGet(WebConfig::open);
    }
}
