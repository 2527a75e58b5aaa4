package io.zkwatch.daemon.config;

import java.util.Optional;

/**
 * How one kind of identity (znode paths, client hosts) leaves the daemon: metric labels, the JSON API, the web
 * page and log lines. Paths can carry tenant or user names and client addresses are personal data in some places,
 * so a site may shorten, pseudonymise or drop them.
 *
 * <p>Written {@code raw}, {@code prefix}, {@code hmac} or {@code drop}; not {@code off}, which YAML reads as a
 * boolean. {@code raw} was called {@code none} in earlier 0.1 snapshots; the old name is refused with a hint, not
 * silently mapped.
 */
public enum RedactionMode implements ConfigName {
    /** As they are. */
    RAW("raw", "none"),
    /**
     * Shortened: paths to their first {@code path_redaction_depth} segments, client addresses to their network
     * ({@code client_redaction_ipv4_prefix}, {@code client_redaction_ipv6_prefix}). Items that shorten alike are
     * summed into one series.
     */
    PREFIX("prefix", ""),
    /** Replaced by an HMAC-SHA256 under a key only the operator holds: stable, comparable, not reversible. */
    HMAC("hmac", ""),
    /** Not shown at all: no per-item series or rows; totals and true counts stay. */
    DROP("drop", "");

    private final String configName;
    private final String formerName;

    RedactionMode(String configName, String formerName) {
        this.configName = configName;
        this.formerName = formerName;
    }

    @Override
    public String configName() {
        return configName;
    }

    @Override
    public Optional<String> formerName() {
        return formerName.isEmpty() ? Optional.empty() : Optional.of(formerName);
    }
}
