package io.zkwatch.daemon.config;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConfigSource#reload()} did: switched to the new configuration, or kept the old one because
 * the new one is invalid. The daemon turns this into {@code zkwatch_config_last_reload_successful} and
 * one log line.
 */
public sealed interface ReloadResult permits ReloadResult.Applied, ReloadResult.Rejected {

    boolean successful();

    /** The file was valid and is now current; {@code change} may be empty. */
    record Applied(ConfigChange change) implements ReloadResult {
        public Applied {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public boolean successful() {
            return true;
        }
    }

    /** The file was invalid; {@code kept} is still current. */
    record Rejected(List<ConfigError> errors, ZkwatchConfig kept) implements ReloadResult {
        public Rejected {
            errors = List.copyOf(errors);
            Objects.requireNonNull(kept, "kept");
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a rejected reload has errors");
            }
        }

        @Override
        public boolean successful() {
            return false;
        }
    }
}
