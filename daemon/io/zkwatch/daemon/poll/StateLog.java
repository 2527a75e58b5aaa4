package io.zkwatch.daemon.poll;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Outcome;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per state change, never one per poll: a member going up or down, a command starting or stopping
 * to fail (or failing for a new reason), a dump being skipped for a new reason.
 */
final class StateLog {

    private static final Logger LOG = LoggerFactory.getLogger("zkwatch.poll");

    private final String ensemble;
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private final Map<String, String> commandState = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StateLog(String ensemble) {
        this.ensemble = ensemble;
    }

    /** Silences the log: polls cancelled by a stopping poller would otherwise report members down. */
    void close() {
        closed = true;
    }

    void member(String server, boolean nowUp, String reason) {
        if (closed) {
            return;
        }
        Boolean before = up.put(server, nowUp);
        if (before == null) {
            if (nowUp) {
                LOG.info("ensemble={} server={} member up", ensemble, server);
            } else {
                LOG.warn("ensemble={} server={} member down: {}", ensemble, server, reason);
            }
        } else if (before != nowUp) {
            if (nowUp) {
                LOG.info("ensemble={} server={} member up again", ensemble, server);
            } else {
                LOG.warn("ensemble={} server={} member down: {}", ensemble, server, reason);
            }
        }
    }

    void command(String server, Command command, Outcome<?> outcome) {
        if (closed) {
            return;
        }
        String state = outcome instanceof Outcome.Failure<?> f ? f.kind().label() : "ok";
        String before = commandState.put(server + "/" + command, state);
        if (Objects.equals(before, state)) {
            return;
        }
        if (outcome instanceof Outcome.Failure<?> f && (f.kind() == io.zkwatch.collectors.FailureKind.UNAVAILABLE
                || f.kind() == io.zkwatch.collectors.FailureKind.SKIPPED)) {
            LOG.info("ensemble={} server={} command={} not run ({}): {}", ensemble, server, command.label(),
                    f.kind().label(), f.message());
        } else if (outcome instanceof Outcome.Failure<?> f) {
            LOG.warn("ensemble={} server={} command={} failing ({}): {}", ensemble, server, command.label(),
                    f.kind().label(), f.message());
        } else if (before != null) {
            LOG.info("ensemble={} server={} command={} ok again", ensemble, server, command.label());
        }
    }

    void removed(String server, String why) {
        up.remove(server);
        commandState.keySet().removeIf(k -> k.startsWith(server + "/"));
        LOG.info("ensemble={} server={} no longer polled: {}", ensemble, server, why);
    }

    void origin(String server, io.zkwatch.daemon.snapshot.MemberOrigin origin, String reporter) {
        LOG.info("ensemble={} server={} origin is now {} (membership reported by {})", ensemble, server,
                origin.label(), reporter);
    }

    void added(String server, String why) {
        LOG.info("ensemble={} server={} polling: {}", ensemble, server, why);
    }
}
