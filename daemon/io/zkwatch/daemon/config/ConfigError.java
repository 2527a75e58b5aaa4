package io.zkwatch.daemon.config;

import java.util.Objects;

/**
 * One problem in a configuration: where it is (the full key path an operator would look for, such as
 * {@code ensembles[1].members[0]}, or a command-line flag) and why it is wrong.
 *
 * <p>The reason never holds the value of a key that names a secret; see {@link ConfigException}.
 */
public record ConfigError(String key, String reason) {

    public ConfigError {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason is blank");
        }
    }

    /**
     * The same error as seen from an enclosing block: {@code timeout} under {@code defaults} is
     * {@code defaults.timeout}. Records validate with keys relative to themselves; readers add the path.
     */
    public ConfigError under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        if (key.isEmpty()) {
            return new ConfigError(prefix, reason);
        }
        return new ConfigError(key.startsWith("[") ? prefix + key : prefix + "." + key, reason);
    }

    @Override
    public String toString() {
        return key.isEmpty() ? reason : key + ": " + reason;
    }
}
