package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Environment;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.Timed;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a closed session's watches may legitimately stay listed on a member, and why.
 *
 * <p>Two things make watches outlive their session without any bug: a session is only closed when it expires,
 * up to {@code maxSessionTimeout} after its client went silent; and {@code WatchManagerOptimized} removes the
 * watches of closed connections lazily, when its cleaner wakes up: after {@code watcherCleanIntervalInSeconds}
 * plus a random jitter of up to half of it (ZooKeeper's {@code WatcherCleaner}), or earlier once
 * {@code watcherCleanThreshold} connections are dead. The grace is the sum of what applies, plus a margin.
 *
 * @param watchManager the watch manager's class as read, "WatchManager (default)", or "unknown"
 * @param reason the grace spelled out, for the finding and the API
 */
public record OrphanGrace(Duration grace, String watchManager, String reason) {

    static final String DEFAULT_MANAGER = "org.apache.zookeeper.server.watch.WatchManager";
    static final String OPTIMIZED_MANAGER = "org.apache.zookeeper.server.watch.WatchManagerOptimized";
    /** ZooKeeper's default: 20 ticks of 2 s. */
    static final Duration ASSUMED_SESSION_TIMEOUT = Duration.ofSeconds(40);
    static final long DEFAULT_CLEAN_INTERVAL_SECONDS = 600;

    public OrphanGrace {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(watchManager, "watchManager");
        Objects.requireNonNull(reason, "reason");
    }

    /** The grace of member {@code m} under thresholds {@code t}. */
    public static OrphanGrace of(MemberSnapshot m, FindingThresholds t) {
        Optional<Environment> props = m.systemProperties().map(Timed::value);
        String manager = props.map(p -> p.watchManagerName().orElse(DEFAULT_MANAGER + " (default)"))
                .orElse("unknown");
        if (t.orphanGrace().isPresent()) {
            return new OrphanGrace(t.orphanGrace().get(), manager, "orphan_grace "
                    + seconds(t.orphanGrace().get()) + " from the configuration");
        }
        Optional<Integer> configured = m.config().map(Timed::value).map(ServerConfig::maxSessionTimeout)
                .filter(o -> o.isPresent()).map(o -> o.getAsInt());
        Duration timeout = configured.map(ms -> Duration.ofMillis(ms)).orElse(ASSUMED_SESSION_TIMEOUT);
        String timeoutText = configured.isPresent() ? "maxSessionTimeout " + seconds(timeout)
                : "maxSessionTimeout assumed " + seconds(timeout) + " (conf not read)";
        Duration grace = timeout.plus(t.orphanGraceMargin());
        String margin = " + margin " + seconds(t.orphanGraceMargin());
        if (props.isEmpty()) {
            Duration lazy = lazyCleanup(DEFAULT_CLEAN_INTERVAL_SECONDS);
            return new OrphanGrace(grace.plus(lazy), manager, timeoutText + " + lazy clean-up " + seconds(lazy)
                    + " (watch manager unknown: system_properties not read" + why(m) + "; assumed "
                    + "WatchManagerOptimized with its default watcherCleanIntervalInSeconds=600)" + margin);
        }
        Environment p = props.get();
        String name = p.watchManagerName().orElse(DEFAULT_MANAGER);
        if (name.equals(DEFAULT_MANAGER) || name.equals("WatchManager")) {
            return new OrphanGrace(grace, manager, timeoutText + " (" + shortName(name)
                    + " removes a closed connection's watches at once)" + margin);
        }
        long interval = p.watcherCleanIntervalSeconds().orElse(DEFAULT_CLEAN_INTERVAL_SECONDS);
        Duration lazy = lazyCleanup(interval);
        String kind = name.equals(OPTIMIZED_MANAGER) || name.equals("WatchManagerOptimized")
                ? shortName(name) + " cleans dead watchers lazily"
                : "custom watch manager " + name + ", assumed to clean up lazily like WatchManagerOptimized";
        return new OrphanGrace(grace.plus(lazy), manager, timeoutText + " + lazy clean-up " + seconds(lazy) + " ("
                + kind + ": watcherCleanIntervalInSeconds=" + interval + " plus up to half of it as jitter"
                + p.watcherCleanThreshold().stream().mapToObj(v -> ", or sooner at watcherCleanThreshold=" + v)
                        .findFirst().orElse("") + ")" + margin);
    }

    private static Duration lazyCleanup(long intervalSeconds) {
        return Duration.ofSeconds(intervalSeconds + (intervalSeconds + 1) / 2);
    }

    private static String why(MemberSnapshot m) {
        return m.status(Command.SYSTEM_PROPERTIES).flatMap(CommandStatus::failure)
                .map(f -> " (" + f.label() + ")").orElse("");
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
    }
}
