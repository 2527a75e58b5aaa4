package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Loads YAML text in tests, with relative paths anchored at {@code baseDir}. */
final class Yaml {
    private Yaml() {
    }

    static ZkwatchConfig load(String yaml) {
        return new TestEnvironment().loader().parse(yaml, Optional.empty());
    }

    static ZkwatchConfig load(String yaml, TestEnvironment env, Path baseDir) {
        return env.loader().parse(yaml, Optional.of(baseDir));
    }

    static List<ConfigError> errors(String yaml) {
        return errors(yaml, new TestEnvironment());
    }

    static List<ConfigError> errors(String yaml, TestEnvironment env) {
        return assertThrows(ConfigException.class, () -> env.loader().parse(yaml, Optional.empty())).errors();
    }

    static String render(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }

    /** The one error at {@code key}, failing with all errors shown when there is not exactly one. */
    static ConfigError only(List<ConfigError> errors, String key) {
        List<ConfigError> at = errors.stream().filter(e -> e.key().equals(key)).toList();
        if (at.size() != 1) {
            throw new AssertionError("expected one error at " + key + " but got:\n" + render(errors));
        }
        return at.get(0);
    }
}
