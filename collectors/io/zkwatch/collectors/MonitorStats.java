package io.zkwatch.collectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Every key of {@code mntr} (4lw) or {@code monitor} (AdminServer), in the order the server printed them.
 *
 * <p>Keys are stored without the 4lw {@code zk_} prefix, so both sources give the same keys; accessors accept
 * either spelling. Values stay text because each release adds keys (metrics summaries, per-namespace
 * counters) whose types zkwatch cannot know in advance: unknown keys are kept, never dropped. A non-scalar
 * AdminServer value (an object or array) is kept as its compact JSON text.
 */
public record MonitorStats(Map<String, String> values) {

    private static final String PREFIX = "zk_";

    public MonitorStats {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = normaliseKey(Objects.requireNonNull(e.getKey(), "key"));
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty key");
            }
            copy.put(key, Objects.requireNonNull(e.getValue(), "value of " + key));
        }
        if (!copy.containsKey("version")) {
            throw new IllegalArgumentException("no version key");
        }
        if (!copy.containsKey("server_state")) {
            throw new IllegalArgumentException("no server_state key");
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** Strips the 4lw {@code zk_} prefix: {@code zk_watch_count} and {@code watch_count} name the same value. */
    public static String normaliseKey(String key) {
        return key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
    }

    public String version() {
        return values.get("version");
    }

    public String serverState() {
        return values.get("server_state");
    }

    public ServerMode mode() {
        return ServerMode.fromText(serverState());
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(normaliseKey(key)));
    }

    /** The value as a number, or empty when absent or not numeric (for example {@code null} or a version string). */
    public OptionalDouble number(String key) {
        String v = values.get(normaliseKey(key));
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** The value as an exact integer, or empty when absent or not integral; counters above 2^53 stay exact. */
    public OptionalLong integer(String key) {
        return Numbers.optionalLong(values.get(normaliseKey(key)));
    }
}
