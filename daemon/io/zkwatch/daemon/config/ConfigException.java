package io.zkwatch.daemon.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found, not only the first: an operator fixing
 * a file should see the whole list in one run.
 *
 * <p>It is an {@link IllegalArgumentException} because the records' validating constructors throw it too,
 * naming their own keys; readers catch it and re-key the errors under the path where the record sits.
 * No message ever contains a password, a secret file's content, or the value of a key that names a secret.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(render(errors));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(String key, String reason) {
        this(List.of(new ConfigError(key, reason)));
    }

    /** Every problem, in the order the file or command line presents them. Never empty. */
    public List<ConfigError> errors() {
        return errors;
    }

    /** The same errors, keyed under {@code prefix}. */
    public ConfigException under(String prefix) {
        return new ConfigException(errors.stream().map(e -> e.under(prefix)).toList());
    }

    private static String render(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        if (errors.size() == 1) {
            return errors.get(0).toString();
        }
        return errors.size() + " configuration errors:\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
