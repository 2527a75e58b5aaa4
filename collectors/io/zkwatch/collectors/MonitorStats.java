package io.zkwatch.collectors;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

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
        values = values instanceof Checked checked ? checked.view : normalisedCopy(values);
    }

    private static Map<String, String> normalisedCopy(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = normaliseKey(Objects.requireNonNull(e.getKey(), "key"));
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty key");
            }
            copy.put(key, requireValue(key, e.getValue()));
        }
        checkRequired(copy);
        return Collections.unmodifiableMap(copy);
    }

    /** The message names the key, but is only built for a null: a concatenation per value cost as much as the copy. */
    private static String requireValue(String key, String value) {
        if (value == null) {
            throw new NullPointerException("value of " + key);
        }
        return value;
    }

    private static void checkRequired(Map<String, String> normalised) {
        if (!normalised.containsKey("version")) {
            throw new IllegalArgumentException("no version key");
        }
        if (!normalised.containsKey("server_state")) {
            throw new IllegalArgumentException("no server_state key");
        }
    }

    /**
     * Collects a parser's values and turns them into a {@code MonitorStats} as the constructor would, given a map
     * filled by the same {@code put}s: but without copying the map when every key is normal already (the usual case),
     * since a parse otherwise pays for every entry twice. The builder alone holds its map, so nothing can change the
     * values after {@link #build}; not thread-safe, and used once.
     */
    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /** See {@link #builder}. */
    public static final class Builder {
        private OrderedStrings map;
        /** Whether a key is empty or still starts with {@code zk_}: then the constructor's copy decides. */
        private boolean renormalise;

        private Builder(int expectedSize) {
            map = new OrderedStrings(Math.min(1 << 16, expectedSize));
        }

        /** As {@link Map#put}: a later value of the same key replaces the earlier one in its place. */
        public Builder put(String key, String value) {
            renormalise |= key.isEmpty() || key.startsWith(PREFIX);
            open().add(key, requireValue(key, value));
            return this;
        }

        /**
         * As {@link #put} with the value {@code buf[from, to)} read as ISO-8859-1, one char per byte (for ASCII, the
         * same text as UTF-8): the bytes are copied and become a String only when the value is first read, and most
         * never are. A parser passes bytes it has checked are ASCII.
         */
        public Builder putLatin1(String key, byte[] buf, int from, int to) {
            Objects.checkFromToIndex(from, to, buf.length);
            renormalise |= key.isEmpty() || key.startsWith(PREFIX);
            open().addLatin1(key, buf, from, to);
            return this;
        }

        /** Whether a value was put under exactly this key (before normalisation). */
        public boolean containsKey(String key) {
            return open().containsKey(key);
        }

        /** The values, validated as the constructor validates them; the builder cannot be used afterwards. */
        public MonitorStats build() {
            OrderedStrings m = open();
            map = null;
            if (renormalise) {
                return new MonitorStats(m);
            }
            checkRequired(m);
            return new MonitorStats(new Checked(Collections.unmodifiableMap(m)));
        }

        private OrderedStrings open() {
            if (map == null) {
                throw new IllegalStateException("already built");
            }
            return map;
        }
    }

    /**
     * Values a {@link Builder} has checked, handed to the constructor without a copy. Only this class makes one, so
     * every other map passed to the constructor is still copied and validated.
     */
    private static final class Checked extends AbstractMap<String, String> {
        private final Map<String, String> view;

        Checked(Map<String, String> view) {
            this.view = view;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return view.entrySet();
        }
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
