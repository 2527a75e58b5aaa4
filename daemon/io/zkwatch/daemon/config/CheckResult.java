package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@code zkwatch --check-config FILE}: the configuration, or every error in it.
 *
 * @param config present exactly when {@code errors} is empty
 */
public record CheckResult(Path file, Optional<ZkwatchConfig> config, List<ConfigError> errors) {

    public CheckResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        errors = List.copyOf(errors);
        if (config.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a check has either a configuration or errors");
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The process exit status: 0 when the file is valid, 1 when it is not. */
    public int exitCode() {
        return ok() ? 0 : 1;
    }

    /**
     * What to print: {@code OK: 3 ensembles}, or a header line and one {@code key: reason} line per error.
     */
    public String report() {
        if (config.isPresent()) {
            int n = config.get().ensembles().size();
            return "OK: " + n + (n == 1 ? " ensemble" : " ensembles");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
        for (ConfigError error : errors) {
            sb.append('\n').append("  ").append(error);
        }
        return sb.toString();
    }
}
