package io.zkwatch.collectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The key/value listing of 4lw {@code envi}, AdminServer {@code environment}, or AdminServer
 * {@code system_properties}, in the server's order.
 *
 * <p>The watch-manager settings are JVM system properties: {@code envi}/{@code environment} list only a fixed
 * set of keys (versions, paths, memory) and never contain them; {@code system_properties} does when they were
 * set. An absent setting means ZooKeeper's default ({@code WatchManager}, cleaner threshold 1000, interval 600 s).
 */
public record Environment(Map<String, String> properties) {

    public static final String WATCH_MANAGER_NAME = "zookeeper.watchManagerName";
    public static final String WATCHER_CLEAN_THRESHOLD = "zookeeper.watcherCleanThreshold";
    public static final String WATCHER_CLEAN_INTERVAL = "zookeeper.watcherCleanIntervalInSeconds";

    public Environment {
        Objects.requireNonNull(properties, "properties");
        Map<String, String> copy = new LinkedHashMap<>();
        properties.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
        properties = Collections.unmodifiableMap(copy);
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public Optional<String> zookeeperVersion() {
        return property("zookeeper.version");
    }

    public Optional<String> watchManagerName() {
        return property(WATCH_MANAGER_NAME);
    }

    public OptionalLong watcherCleanThreshold() {
        return longProperty(WATCHER_CLEAN_THRESHOLD);
    }

    public OptionalLong watcherCleanIntervalSeconds() {
        return longProperty(WATCHER_CLEAN_INTERVAL);
    }

    /** Empty when absent or not an integer. */
    public OptionalLong longProperty(String key) {
        return Numbers.optionalLong(properties.get(key));
    }
}
