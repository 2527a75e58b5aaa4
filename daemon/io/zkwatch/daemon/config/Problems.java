package io.zkwatch.daemon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collects configuration errors so that validation can go on past the first one. Used by the readers and
 * by the records' validating constructors, which throw the collected list as one {@link ConfigException}.
 */
final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();

    void add(String key, String reason) {
        errors.add(new ConfigError(key, reason));
    }

    /** Fails {@code key} with {@code reason} when {@code ok} is false; returns {@code ok}. */
    boolean check(boolean ok, String key, String reason) {
        if (!ok) {
            add(key, reason);
        }
        return ok;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    List<ConfigError> list() {
        return List.copyOf(errors);
    }

    /** Whether an error has already been reported at exactly this key. */
    boolean hasErrorAt(String key) {
        return errors.stream().anyMatch(e -> e.key().equals(key));
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    /**
     * Builds a record, keeping its constructor's errors under {@code prefix}. A key that already failed to
     * parse got a stand-in value, so what the constructor says about that key is dropped as noise.
     */
    <T> Optional<T> construct(String prefix, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                ConfigError keyed = error.under(prefix);
                if (!hasErrorAt(keyed.key())) {
                    errors.add(keyed);
                }
            }
            return Optional.empty();
        }
    }
}
