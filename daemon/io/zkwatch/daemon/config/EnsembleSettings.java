package io.zkwatch.daemon.config;

import io.zkwatch.collectors.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The poll cadences, guards, caps and export choices of one ensemble, already resolved: built-in defaults,
 * then the file's {@code defaults:} block, then the ensemble's own keys. Consumers read these as they
 * are and never merge anything themselves.
 *
 * <p>Validation errors name the YAML key ({@code timeout}, {@code top_n}); a reader re-keys them under the
 * block's path.
 *
 * @param pollInterval how often the cheap commands run (mntr, srvr, wchs, cons, conf)
 * @param dumpInterval base cadence of the expensive dumps (wchc, wchp, dump); the poller may stretch it
 *     as the watch count grows
 * @param dumpJitter the fraction (0 to 0.5) by which each dump's delay is varied, so that many members
 *     are not dumped in lockstep
 * @param dumpMinInterval the floor no adaptive or jittered schedule may go below for one member
 * @param dumps whether the expensive dumps run at all
 * @param dumpMaxWatches above this wchs count dumps are skipped (a dump holds the server's watch lock)
 * @param allowLargeDumps dump even above {@code dumpMaxWatches}
 * @param connectTimeout time allowed to connect (TCP and TLS) to a member
 * @param timeout overall deadline of one cheap command
 * @param dumpTimeout overall deadline of one dump
 * @param maxReplyBytes a reply longer than this is abandoned unparsed
 * @param maxLineBytes a 4lw line longer than this is abandoned unparsed
 * @param memorySpoolBytes replies up to this size stay on the heap; longer ones spill to {@code spoolDir}
 * @param spoolDir where spill files go
 * @param topN how many top sessions, paths and client hosts per server are exported as their own series
 * @param pathPrefixDepth how many leading path segments make a path prefix
 * @param source where command answers come from
 * @param discover whether members found in {@code conf} but not listed are polled too
 * @param redaction how znode paths and client hosts are shown in every output
 */
public record EnsembleSettings(
        Duration pollInterval,
        Duration dumpInterval,
        double dumpJitter,
        Duration dumpMinInterval,
        boolean dumps,
        long dumpMaxWatches,
        boolean allowLargeDumps,
        Duration connectTimeout,
        Duration timeout,
        Duration dumpTimeout,
        long maxReplyBytes,
        int maxLineBytes,
        int memorySpoolBytes,
        Path spoolDir,
        int topN,
        int pathPrefixDepth,
        CommandSource source,
        boolean discover,
        Redaction redaction) {

    public static final int TOP_N_MAX = 1000;
    public static final int PATH_PREFIX_DEPTH_MAX = 32;
    public static final double DUMP_JITTER_MAX = 0.5;
    private static final Duration SHORTEST_CADENCE = Duration.ofSeconds(1);

    public EnsembleSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(dumpInterval, "dumpInterval");
        Objects.requireNonNull(dumpMinInterval, "dumpMinInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(dumpTimeout, "dumpTimeout");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(redaction, "redaction");
        Problems p = new Problems();
        p.check(pollInterval.compareTo(SHORTEST_CADENCE) >= 0, "poll_interval",
                Durations.format(pollInterval) + " is too short (must be at least 1s)");
        p.check(dumpMinInterval.compareTo(SHORTEST_CADENCE) >= 0, "dump_min_interval",
                Durations.format(dumpMinInterval) + " is too short (must be at least 1s)");
        p.check(dumpInterval.compareTo(dumpMinInterval) >= 0, "dump_interval",
                Durations.format(dumpInterval) + " is shorter than dump_min_interval ("
                        + Durations.format(dumpMinInterval) + ")");
        p.check(dumpJitter >= 0 && dumpJitter <= DUMP_JITTER_MAX, "dump_jitter",
                dumpJitter + " is out of range (must be 0-0.5)");
        p.check(dumpMaxWatches >= 1, "dump_max_watches", dumpMaxWatches + " is out of range (must be at least 1)");
        p.check(connectTimeout.toMillis() >= 1, "connect_timeout",
                Durations.format(connectTimeout) + " is too short (must be at least 1ms)");
        p.check(timeout.compareTo(connectTimeout) >= 0, "timeout", Durations.format(timeout)
                + " is shorter than connect_timeout (" + Durations.format(connectTimeout) + ")");
        p.check(dumpTimeout.compareTo(connectTimeout) >= 0, "dump_timeout", Durations.format(dumpTimeout)
                + " is shorter than connect_timeout (" + Durations.format(connectTimeout) + ")");
        p.check(maxReplyBytes >= 1, "max_reply_bytes", maxReplyBytes + " is out of range (must be at least 1)");
        p.check(maxLineBytes >= 1, "max_line_bytes", maxLineBytes + " is out of range (must be at least 1)");
        p.check(memorySpoolBytes >= 0, "memory_spool_bytes", memorySpoolBytes + " is out of range (must be 0 or more)");
        p.check(topN >= 1 && topN <= TOP_N_MAX, "top_n", topN + " is out of range (must be 1-" + TOP_N_MAX + ")");
        p.check(pathPrefixDepth >= 1 && pathPrefixDepth <= PATH_PREFIX_DEPTH_MAX, "path_prefix_depth",
                pathPrefixDepth + " is out of range (must be 1-" + PATH_PREFIX_DEPTH_MAX + ")");
        p.throwIfAny();
    }

    /** The built-in defaults, used where neither {@code defaults:} nor the ensemble says otherwise. */
    public static EnsembleSettings defaults() {
        return new EnsembleSettings(Duration.ofSeconds(15), Duration.ofMinutes(5), 0.2, Duration.ofMinutes(1),
                true, 2_000_000L, false, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(120),
                1L << 30, 1 << 20, 8 << 20, Path.of(System.getProperty("java.io.tmpdir")), 50, 2,
                CommandSource.AUTO, true, Redaction.none());
    }

    /** Bounds for one cheap command. */
    public Limits commandLimits() {
        return new Limits(connectTimeout, timeout, maxReplyBytes, maxLineBytes, memorySpoolBytes, spoolDir);
    }

    /** Bounds for one dump: the same caps with the dump deadline. */
    public Limits dumpLimits() {
        return commandLimits().withDeadline(dumpTimeout);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with some values changed; {@link #build()} validates the whole. */
    public static final class Builder {
        private Duration pollInterval;
        private Duration dumpInterval;
        private double dumpJitter;
        private Duration dumpMinInterval;
        private boolean dumps;
        private long dumpMaxWatches;
        private boolean allowLargeDumps;
        private Duration connectTimeout;
        private Duration timeout;
        private Duration dumpTimeout;
        private long maxReplyBytes;
        private int maxLineBytes;
        private int memorySpoolBytes;
        private Path spoolDir;
        private int topN;
        private int pathPrefixDepth;
        private CommandSource source;
        private boolean discover;
        private RedactionMode pathRedaction;
        private int pathRedactionDepth;
        private Optional<Path> pathRedactionKeyFile;
        private RedactionMode clientRedaction;
        private int clientRedactionIpv4Prefix;
        private int clientRedactionIpv6Prefix;
        private Optional<Path> clientRedactionKeyFile;

        private Builder(EnsembleSettings s) {
            pollInterval = s.pollInterval;
            dumpInterval = s.dumpInterval;
            dumpJitter = s.dumpJitter;
            dumpMinInterval = s.dumpMinInterval;
            dumps = s.dumps;
            dumpMaxWatches = s.dumpMaxWatches;
            allowLargeDumps = s.allowLargeDumps;
            connectTimeout = s.connectTimeout;
            timeout = s.timeout;
            dumpTimeout = s.dumpTimeout;
            maxReplyBytes = s.maxReplyBytes;
            maxLineBytes = s.maxLineBytes;
            memorySpoolBytes = s.memorySpoolBytes;
            spoolDir = s.spoolDir;
            topN = s.topN;
            pathPrefixDepth = s.pathPrefixDepth;
            source = s.source;
            discover = s.discover;
            pathRedaction = s.redaction.paths();
            pathRedactionDepth = s.redaction.pathDepth();
            pathRedactionKeyFile = s.redaction.pathKeyFile();
            clientRedaction = s.redaction.clients();
            clientRedactionIpv4Prefix = s.redaction.ipv4Prefix();
            clientRedactionIpv6Prefix = s.redaction.ipv6Prefix();
            clientRedactionKeyFile = s.redaction.clientKeyFile();
        }

        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder dumpInterval(Duration v) { dumpInterval = v; return this; }
        public Builder dumpJitter(double v) { dumpJitter = v; return this; }
        public Builder dumpMinInterval(Duration v) { dumpMinInterval = v; return this; }
        public Builder dumps(boolean v) { dumps = v; return this; }
        public Builder dumpMaxWatches(long v) { dumpMaxWatches = v; return this; }
        public Builder allowLargeDumps(boolean v) { allowLargeDumps = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder dumpTimeout(Duration v) { dumpTimeout = v; return this; }
        public Builder maxReplyBytes(long v) { maxReplyBytes = v; return this; }
        public Builder maxLineBytes(int v) { maxLineBytes = v; return this; }
        public Builder memorySpoolBytes(int v) { memorySpoolBytes = v; return this; }
        public Builder spoolDir(Path v) { spoolDir = v; return this; }
        public Builder topN(int v) { topN = v; return this; }
        public Builder pathPrefixDepth(int v) { pathPrefixDepth = v; return this; }
        public Builder source(CommandSource v) { source = v; return this; }
        public Builder discover(boolean v) { discover = v; return this; }
        public Builder pathRedaction(RedactionMode v) { pathRedaction = v; return this; }
        public Builder pathRedactionDepth(int v) { pathRedactionDepth = v; return this; }
        public Builder pathRedactionKeyFile(Optional<Path> v) { pathRedactionKeyFile = v; return this; }
        public Builder clientRedaction(RedactionMode v) { clientRedaction = v; return this; }
        public Builder clientRedactionIpv4Prefix(int v) { clientRedactionIpv4Prefix = v; return this; }
        public Builder clientRedactionIpv6Prefix(int v) { clientRedactionIpv6Prefix = v; return this; }
        public Builder clientRedactionKeyFile(Optional<Path> v) { clientRedactionKeyFile = v; return this; }

        /** Validates the whole; the errors of the redaction keys and of the others come out together. */
        public EnsembleSettings build() {
            Redaction redaction;
            try {
                redaction = new Redaction(pathRedaction, pathRedactionDepth, pathRedactionKeyFile, clientRedaction,
                        clientRedactionIpv4Prefix, clientRedactionIpv6Prefix, clientRedactionKeyFile);
            } catch (ConfigException e) {
                List<ConfigError> errors = new ArrayList<>(e.errors());
                try {
                    build(Redaction.none());
                } catch (ConfigException others) {
                    errors.addAll(others.errors());
                }
                throw new ConfigException(errors);
            }
            return build(redaction);
        }

        private EnsembleSettings build(Redaction redaction) {
            return new EnsembleSettings(pollInterval, dumpInterval, dumpJitter, dumpMinInterval, dumps,
                    dumpMaxWatches, allowLargeDumps, connectTimeout, timeout, dumpTimeout, maxReplyBytes,
                    maxLineBytes, memorySpoolBytes, spoolDir, topN, pathPrefixDepth, source, discover, redaction);
        }
    }
}
