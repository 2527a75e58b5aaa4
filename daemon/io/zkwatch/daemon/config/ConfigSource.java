package io.zkwatch.daemon.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current configuration and reloads it on demand. A reload reads the file again and either
 * switches to the new configuration or, if the file is now invalid, keeps the running one and says why:
 * a typo pushed by a deploy must not stop monitoring.
 *
 * <p>The daemon calls {@link #reload()} on SIGHUP and {@code POST /-/reload}; reloads are serialised, and
 * {@link #current()} never blocks. A configuration that came from the command line has no file, so its
 * reload succeeds with no change.
 */
public final class ConfigSource {

    /** The outcome of the last load or reload, for the daemon's health metrics. */
    private record Status(ZkwatchConfig config, boolean lastReloadSuccessful, Instant lastSuccess) {
    }

    private final Optional<Path> file;
    private final ConfigLoader loader;
    private final Clock clock;
    private final AtomicReference<Status> status;

    private ConfigSource(Optional<Path> file, ConfigLoader loader, Clock clock, ZkwatchConfig initial) {
        this.file = file;
        this.loader = loader;
        this.clock = clock;
        this.status = new AtomicReference<>(new Status(initial, true, clock.instant()));
    }

    /**
     * Loads {@code file}; the first load must succeed, there being nothing to fall back on.
     *
     * @throws ConfigException with every problem in the file
     */
    public static ConfigSource fromFile(Path file) throws ConfigException {
        return fromFile(file, Clock.systemUTC());
    }

    public static ConfigSource fromFile(Path file, Clock clock) throws ConfigException {
        return fromFile(file, ConfigLoader.system(), clock);
    }

    static ConfigSource fromFile(Path file, ConfigLoader loader, Clock clock) {
        return new ConfigSource(Optional.of(file), loader, clock, loader.read(file));
    }

    /** A source that always holds {@code config}, as given on the command line. */
    public static ConfigSource fixed(ZkwatchConfig config) {
        return fixed(config, Clock.systemUTC());
    }

    public static ConfigSource fixed(ZkwatchConfig config, Clock clock) {
        return new ConfigSource(Optional.empty(), ConfigLoader.system(), clock, Objects.requireNonNull(config));
    }

    public ZkwatchConfig current() {
        return status.get().config();
    }

    /** The file this source reloads from; empty for a command-line configuration. */
    public Optional<Path> file() {
        return file;
    }

    /** Whether the last reload (or the initial load) succeeded. */
    public boolean lastReloadSuccessful() {
        return status.get().lastReloadSuccessful();
    }

    /** When a load or reload last succeeded. */
    public Instant lastSuccessfulReload() {
        return status.get().lastSuccess();
    }

    /**
     * Reads the file again. On success the new configuration becomes current (the old instance is kept if
     * nothing changed, so identity checks stay cheap); on failure the old one stays current.
     */
    public synchronized ReloadResult reload() {
        Status before = status.get();
        if (file.isEmpty()) {
            status.set(new Status(before.config(), true, clock.instant()));
            return new ReloadResult.Applied(ConfigChange.between(before.config(), before.config()));
        }
        ZkwatchConfig next;
        try {
            next = loader.read(file.get());
        } catch (ConfigException e) {
            status.set(new Status(before.config(), false, before.lastSuccess()));
            return new ReloadResult.Rejected(e.errors(), before.config());
        }
        ZkwatchConfig kept = before.config().equals(next) ? before.config() : next;
        status.set(new Status(kept, true, clock.instant()));
        return new ReloadResult.Applied(ConfigChange.between(before.config(), kept));
    }
}
