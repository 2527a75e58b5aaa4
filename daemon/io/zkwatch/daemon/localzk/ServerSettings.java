package io.zkwatch.daemon.localzk;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** What every server of one ensemble shares; built by {@link LocalEnsemble.Builder}. */
record ServerSettings(ZkDistribution distribution, String whitelist, Optional<TlsOptions> tls,
                      boolean plainClientPort, Map<String, String> systemProperties,
                      Map<String, String> configEntries, List<Path> extraClasspath, List<String> jvmOptions,
                      int tickTimeMillis, Path javaExecutable) {
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

    static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** Small and quick to start: many servers share two cores with other people's builds. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true", "-Dzookeeper.jmx.log4j.disable=true");

    /**
     * The child's command line: {@code QuorumPeerMain <zoo.cfg>} behind {@link ParentWatchdog}, on the
     * server jars, the extra entries and the watchdog's directory. User options come after the defaults so
     * they win.
     */
    List<String> command(Path launcherDirectory, String loggingOption, Path configFile) {
        List<String> cp = new ArrayList<>();
        distribution.classpath().forEach(p -> cp.add(p.toString()));
        extraClasspath.forEach(p -> cp.add(p.toAbsolutePath().toString()));
        cp.add(launcherDirectory.toString());
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(JVM_OPTIONS);
        command.add(loggingOption);
        command.addAll(jvmOptions);
        new TreeMap<>(systemProperties).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, cp));
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(MAIN_CLASS);
        command.add(configFile.toString());
        return command;
    }
}
