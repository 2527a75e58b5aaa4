package io.zkwatch.daemon.snapshot;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What every member of one ensemble said, joined. Immutable and published whole, so a scrape or an API call
 * always sees one consistent picture, never a half-updated one.
 *
 * @param updatedAt when any member's reading last changed
 * @param members sorted by server
 */
public record EnsembleSnapshot(String ensemble, Instant updatedAt, List<MemberSnapshot> members) {

    public EnsembleSnapshot {
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(updatedAt, "updatedAt");
        members = members.stream().sorted(Comparator.comparing(MemberSnapshot::server)).toList();
    }

    public static EnsembleSnapshot empty(String ensemble, Instant at, List<MemberSnapshot> members) {
        return new EnsembleSnapshot(ensemble, at, members);
    }

    public Optional<MemberSnapshot> member(String server) {
        return members.stream().filter(m -> m.server().equals(server)).findFirst();
    }

    public Optional<MemberSnapshot> leader() {
        return members.stream().filter(MemberSnapshot::leader).findFirst();
    }

    /** Whether every member has been polled at least once, with whatever result. */
    public boolean complete() {
        return !members.isEmpty() && members.stream().allMatch(m -> m.lastPoll().isPresent());
    }

    /** A new snapshot with one member replaced (or added). */
    public EnsembleSnapshot withMember(String server, UnaryOperator<MemberSnapshot> change, MemberOrigin origin,
                                       Instant at) {
        MemberSnapshot current = member(server).orElse(MemberSnapshot.unpolled(server, origin));
        MemberSnapshot next = change.apply(current);
        List<MemberSnapshot> others = members.stream().filter(m -> !m.server().equals(server)).toList();
        return new EnsembleSnapshot(ensemble, at,
                java.util.stream.Stream.concat(others.stream(), java.util.stream.Stream.of(next)).toList());
    }

    /** A new snapshot without the given member (it left the ensemble and the configuration). */
    public EnsembleSnapshot withoutMember(String server, Instant at) {
        return new EnsembleSnapshot(ensemble, at,
                members.stream().filter(m -> !m.server().equals(server)).toList());
    }
}
