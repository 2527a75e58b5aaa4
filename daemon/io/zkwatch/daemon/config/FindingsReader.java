package io.zkwatch.daemon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a {@code findings:} block into {@link FindingThresholds}. One table lists every key, so the keys allowed,
 * read and documented cannot drift apart; ranges are the record's own validation.
 */
final class FindingsReader {
    private static final Map<String, BiConsumer<YamlNode, FindingThresholds.Builder>> KEYS = new LinkedHashMap<>();
    private static final long INT = Integer.MAX_VALUE;

    static {
        KEYS.put("history_window", (n, b) -> n.duration().ifPresent(b::historyWindow));
        KEYS.put("max_subjects", (n, b) -> n.integer(0, INT).ifPresent(v -> b.maxSubjects(v.intValue())));
        KEYS.put("skew_ratio", (n, b) -> n.number().ifPresent(b::skewRatio));
        KEYS.put("skew_min_connections", (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::skewMinConnections));
        KEYS.put("skew_min_watches", (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::skewMinWatches));
        KEYS.put("skew_min_polls", (n, b) -> n.integer(0, INT).ifPresent(v -> b.skewMinPolls(v.intValue())));
        KEYS.put("orphan_min_observations",
                (n, b) -> n.integer(0, INT).ifPresent(v -> b.orphanMinObservations(v.intValue())));
        KEYS.put("orphan_grace", (n, b) -> n.duration().ifPresent(v -> b.orphanGrace(Optional.of(v))));
        KEYS.put("orphan_grace_margin", (n, b) -> n.duration().ifPresent(b::orphanGraceMargin));
        KEYS.put("growth_min_points", (n, b) -> n.integer(0, INT).ifPresent(v -> b.growthMinPoints(v.intValue())));
        KEYS.put("growth_min_span", (n, b) -> n.duration().ifPresent(b::growthMinSpan));
        KEYS.put("growth_min_fit", (n, b) -> n.number().ifPresent(b::growthMinFit));
        KEYS.put("growth_relative_per_day", (n, b) -> n.number().ifPresent(b::growthRelativePerDay));
        KEYS.put("growth_min_watches_per_day",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::growthMinWatchesPerDay));
        KEYS.put("growth_min_data_bytes_per_day", (n, b) -> n.size(Long.MAX_VALUE).ifPresent(b::growthMinDataBytesPerDay));
        KEYS.put("growth_min_znodes_per_day",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::growthMinZnodesPerDay));
        KEYS.put("growth_min_heap_bytes_per_day", (n, b) -> n.size(Long.MAX_VALUE).ifPresent(b::growthMinHeapBytesPerDay));
        KEYS.put("session_growth_min_dumps",
                (n, b) -> n.integer(0, INT).ifPresent(v -> b.sessionGrowthMinDumps(v.intValue())));
        KEYS.put("session_growth_min_increase",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::sessionGrowthMinIncrease));
        KEYS.put("path_pattern_min_sessions",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::pathPatternMinSessions));
        KEYS.put("path_pattern_min_increase",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::pathPatternMinIncrease));
        KEYS.put("config_watch_max_sessions",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::configWatchMaxSessions));
        KEYS.put("connection_leak_max_sessions",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::connectionLeakMaxSessions));
        KEYS.put("connection_leak_min_increase",
                (n, b) -> n.integer(0, Long.MAX_VALUE).ifPresent(b::connectionLeakMinIncrease));
        KEYS.put("connection_leak_min_points",
                (n, b) -> n.integer(0, INT).ifPresent(v -> b.connectionLeakMinPoints(v.intValue())));
    }

    private FindingsReader() {
    }

    /** Every key of a {@code findings:} block, in documentation order. */
    static Set<String> keys() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }

    /**
     * {@code inherited} with each key the block gives applied; {@code inherited} when the block is not a valid
     * mapping or the result is invalid (the reasons are already reported).
     */
    static FindingThresholds read(YamlNode block, FindingThresholds inherited) {
        if (!block.mapping(KEYS.keySet())) {
            return inherited;
        }
        FindingThresholds.Builder builder = inherited.toBuilder();
        KEYS.forEach((key, setter) -> block.field(key).ifPresent(value -> setter.accept(value, builder)));
        return block.context().problems().construct(block.path(), builder::build).orElse(inherited);
    }
}
