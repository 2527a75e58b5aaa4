package io.zkwatch.daemon.localzk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What every server of one ensemble shares; built by {@link LocalEnsemble.Builder}. */
record ServerSettings(ZkDistribution distribution, String whitelist, Optional<TlsOptions> tls,
                      boolean plainClientPort, Map<String, String> systemProperties,
                      Map<String, String> configEntries, List<Path> extraClasspath, List<String> jvmOptions,
                      int tickTimeMillis, Path javaExecutable, boolean staticClientPorts) {
    ServerSettings {
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(whitelist, "whitelist");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        systemProperties = Map.copyOf(systemProperties);
        configEntries = Map.copyOf(configEntries);
        extraClasspath = List.copyOf(extraClasspath);
        jvmOptions = List.copyOf(jvmOptions);
        if (!plainClientPort && tls.isEmpty()) {
            throw new IllegalArgumentException("a server without a plain client port needs TLS options");
        }
        if (tickTimeMillis <= 0) {
            throw new IllegalArgumentException("tickTime must be positive");
        }
    }
}
