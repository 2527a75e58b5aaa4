package io.zkwatch.daemon.config;

import io.zkwatch.daemon.config.Environment.FileUse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the keys of {@link EnsembleSettings} from a {@code defaults:} block or an ensemble. One table
 * lists every key, so the keys allowed, the keys read and the keys documented cannot drift apart.
 *
 * <p>The table checks only types and what fits the Java type; ranges and relationships are the record's
 * own validation, reported under the block's path.
 */
final class SettingsReader {
    private static final Map<String, BiConsumer<YamlNode, EnsembleSettings.Builder>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("poll_interval", (n, b) -> n.duration().ifPresent(b::pollInterval));
        KEYS.put("dump_interval", (n, b) -> n.duration().ifPresent(b::dumpInterval));
        KEYS.put("dump_jitter", (n, b) -> n.number().ifPresent(b::dumpJitter));
        KEYS.put("dump_min_interval", (n, b) -> n.duration().ifPresent(b::dumpMinInterval));
        KEYS.put("dumps", (n, b) -> n.bool().ifPresent(b::dumps));
        KEYS.put("dump_max_watches", (n, b) -> n.integer(Long.MIN_VALUE, Long.MAX_VALUE).ifPresent(b::dumpMaxWatches));
        KEYS.put("allow_large_dumps", (n, b) -> n.bool().ifPresent(b::allowLargeDumps));
        KEYS.put("connect_timeout", (n, b) -> n.duration().ifPresent(b::connectTimeout));
        KEYS.put("timeout", (n, b) -> n.duration().ifPresent(b::timeout));
        KEYS.put("dump_timeout", (n, b) -> n.duration().ifPresent(b::dumpTimeout));
        KEYS.put("max_reply_bytes", (n, b) -> n.size(Long.MAX_VALUE).ifPresent(b::maxReplyBytes));
        KEYS.put("max_line_bytes", (n, b) -> n.size(Integer.MAX_VALUE).ifPresent(v -> b.maxLineBytes(v.intValue())));
        KEYS.put("memory_spool_bytes",
                (n, b) -> n.size(Integer.MAX_VALUE).ifPresent(v -> b.memorySpoolBytes(v.intValue())));
        KEYS.put("spool_dir", (n, b) -> n.file(FileUse.WRITABLE_DIRECTORY).ifPresent(b::spoolDir));
        KEYS.put("top_n", (n, b) -> n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .ifPresent(v -> b.topN(v.intValue())));
        KEYS.put("path_prefix_depth", (n, b) -> n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .ifPresent(v -> b.pathPrefixDepth(v.intValue())));
        KEYS.put("source", (n, b) -> n.choice(CommandSource.class).ifPresent(b::source));
        KEYS.put("discover", (n, b) -> n.bool().ifPresent(b::discover));
        KEYS.put("path_redaction", (n, b) -> n.choice(RedactionMode.class).ifPresent(b::pathRedaction));
        KEYS.put("path_redaction_depth", (n, b) -> n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .ifPresent(v -> b.pathRedactionDepth(v.intValue())));
        KEYS.put("path_redaction_key_file",
                (n, b) -> n.file(FileUse.READABLE_FILE).ifPresent(p -> b.pathRedactionKeyFile(Optional.of(p))));
        KEYS.put("client_redaction", (n, b) -> n.choice(RedactionMode.class).ifPresent(b::clientRedaction));
        KEYS.put("client_redaction_ipv4_prefix", (n, b) -> n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .ifPresent(v -> b.clientRedactionIpv4Prefix(v.intValue())));
        KEYS.put("client_redaction_ipv6_prefix", (n, b) -> n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .ifPresent(v -> b.clientRedactionIpv6Prefix(v.intValue())));
        KEYS.put("client_redaction_key_file",
                (n, b) -> n.file(FileUse.READABLE_FILE).ifPresent(p -> b.clientRedactionKeyFile(Optional.of(p))));
    }

    private SettingsReader() {
    }

    /** Every settings key, in documentation order. */
    static Set<String> keys() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }

    /**
     * The settings of {@code block}: {@code inherited}, with each settings key the block gives applied.
     * Empty when the result is invalid; the reasons are already reported.
     */
    static Optional<EnsembleSettings> read(YamlNode block, EnsembleSettings inherited) {
        EnsembleSettings.Builder builder = inherited.toBuilder();
        KEYS.forEach((key, setter) -> block.field(key).ifPresent(value -> setter.accept(value, builder)));
        return block.context().problems().construct(block.path(), builder::build);
    }
}
