package io.zkwatch.daemon.findings;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compact digest of one ensemble snapshot: what the detectors need from it and nothing more, so that an hour of
 * history per ensemble costs little memory. Built by {@link FrameBuilder}; members sorted by server.
 *
 * @param at when the frame was taken (the engine's clock); each reading inside keeps its own time
 */
public record Frame(String ensemble, Instant at, List<MemberFrame> members) {

    public Frame {
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(at, "at");
        members = List.copyOf(members);
    }

    public Optional<MemberFrame> member(String server) {
        return members.stream().filter(m -> m.server().equals(server)).findFirst();
    }

    /** Members that answered their last poll. */
    public List<MemberFrame> upMembers() {
        return members.stream().filter(MemberFrame::up).toList();
    }
}
