package io.zkwatch.daemon.config;

/**
 * How znode paths leave the daemon (metrics labels, logs, errors). Paths can carry customer or tenant
 * names, so a site may keep them out of its monitoring system entirely.
 *
 * <p>Written {@code none}, {@code drop} or {@code hmac}; not {@code off}, which YAML reads as a boolean.
 */
public enum PathRedaction implements ConfigName {
    /** Paths are exported as they are. */
    NONE("none"),
    /** No per-path or per-prefix series at all; totals only. */
    DROP("drop"),
    /** Each path is replaced by an HMAC-SHA256 of it under a key read from {@code path_redaction_key_file}. */
    HMAC("hmac");

    private final String configName;

    PathRedaction(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
