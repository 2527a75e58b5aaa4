package io.zkwatch.daemon.findings;

import io.zkwatch.collectors.Command;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the detectors keep of one member at one moment. Every reading carries the time it was taken, because
 * dumps are older than cheap polls and a cons/wchc comparison is only sound in one order.
 *
 * @param polled whether the member has been polled at all
 * @param monitor mntr numbers
 * @param heapUsed used heap in bytes (envi {@code os.memory.total - os.memory.free}), where exposed
 * @param clients session connections per client host, from cons
 * @param sessionWatches per-session watch counts of the last wchc dump
 * @param orphans sessions of the last wchc dump not connected in a cons taken after it
 * @param pathHosts sessions per client host on the top and tracked paths of the last wchp dump
 * @param grace how long a closed session's watches may legitimately linger on this member
 */
public record MemberFrame(String server, MemberOrigin origin, boolean polled, boolean up,
                          Map<Command, CommandStatus> commands, Optional<MonitorReading> monitor,
                          Optional<Sample> heapUsed, Optional<ClientTally> clients,
                          Optional<SessionCounts> sessionWatches, Optional<OrphanObservation> orphans,
                          Optional<PathHosts> pathHosts, OrphanGrace grace) {

    public MemberFrame {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(origin, "origin");
        commands = commands.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(commands));
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(heapUsed, "heapUsed");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(sessionWatches, "sessionWatches");
        Objects.requireNonNull(orphans, "orphans");
        Objects.requireNonNull(pathHosts, "pathHosts");
        Objects.requireNonNull(grace, "grace");
    }

    public Optional<CommandStatus> status(Command c) {
        return Optional.ofNullable(commands.get(c));
    }

    /** mntr numbers, at the time mntr was read. */
    public record MonitorReading(Instant at, OptionalLong watches, OptionalLong dataSize, OptionalLong znodes) {
        public MonitorReading {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(watches, "watches");
            Objects.requireNonNull(dataSize, "dataSize");
            Objects.requireNonNull(znodes, "znodes");
        }
    }

    /** One number read at one time. */
    public record Sample(Instant at, double value) {
        public Sample {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Session connections by client host, from one cons reading.
     *
     * @param sessions all session connections of the member (exact)
     * @param byHost the hosts with the most sessions, at most {@link FrameBuilder#MAX_HOSTS}
     * @param capped whether hosts were left out of {@code byHost}
     */
    public record ClientTally(Instant at, long sessions, Map<String, Long> byHost, boolean capped) {
        public ClientTally {
            Objects.requireNonNull(at, "at");
            byHost = Collections.unmodifiableMap(new LinkedHashMap<>(byHost));
        }
    }

    /**
     * Sessions per client host watching each top or tracked path, from one wchp dump joined with cons.
     *
     * @param byPath path to host to sessions; only hosts with at least two sessions on the path, the largest first
     * @param capped paths whose watching sessions were more than zkwatch keeps ids for: their counts are lower bounds
     */
    public record PathHosts(Instant at, Map<String, Map<String, Long>> byPath, java.util.Set<String> capped) {
        public PathHosts {
            Objects.requireNonNull(at, "at");
            Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
            byPath.forEach((p, h) -> copy.put(p, Collections.unmodifiableMap(new LinkedHashMap<>(h))));
            byPath = Collections.unmodifiableMap(copy);
            capped = java.util.Set.copyOf(capped);
        }
    }
}
