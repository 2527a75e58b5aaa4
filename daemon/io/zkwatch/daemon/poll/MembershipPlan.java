package io.zkwatch.daemon.poll;

import io.zkwatch.collectors.QuorumMember;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.daemon.config.HostPort;
import io.zkwatch.daemon.snapshot.MemberOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * What discovery does after one member reported the ensemble's membership ({@code conf}): which members to start
 * polling, which configured members the membership does not list, which discovered members left. Pure: the
 * poller applies the plan.
 *
 * <p>A polled member is recognised in the membership by who it says it is: the {@code serverId} of its own
 * {@code conf} and the quorum address its own membership gives that id. That works whether or not the
 * membership lines carry client addresses: with dynamic reconfiguration they read
 * {@code server.N=host:quorum:election:role;clientHost:clientPort}, but a server whose client port comes from the
 * static {@code clientPort} setting prints no client part at all, for itself or anyone else. Only while a member's
 * own {@code conf} is unknown is it matched by client address, and only where the membership states one.
 *
 * <p>A listed member nobody polls yet is added at its stated client address, or, without one, at its quorum host
 * with the reporting member's client port: the usual layout of one member per host, all on one port. A guess
 * that lands on a member already polled is dropped, since that member is someone else.
 */
final class MembershipPlan {

    /** One member being polled, with its own {@code conf} when it has answered one. */
    record Polled(String server, HostPort address, boolean configured, MemberOrigin origin,
                  Optional<ServerConfig> config) {
        Polled {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * @param add addresses to start polling, with the id of the membership entry that named them
     * @param origins new origins of polled members; members absent from the map keep theirs
     * @param remove discovered members that the membership no longer lists
     */
    record Plan(Map<HostPort, Long> add, Map<String, MemberOrigin> origins, List<String> remove) {
        Plan {
            add = Map.copyOf(add);
            origins = Map.copyOf(origins);
            remove = List.copyOf(remove);
        }
    }

    private final UnaryOperator<String> canonical;

    /** @param canonical maps {@code host:port} to a form in which two spellings of one address are equal */
    MembershipPlan(UnaryOperator<String> canonical) {
        this.canonical = canonical;
    }

    Plan plan(HostPort reporter, ServerConfig.Membership membership, List<Polled> polled) {
        List<QuorumMember> entries = membership.members();
        Map<String, Polled> byAddress = new LinkedHashMap<>();
        polled.forEach(p -> byAddress.put(key(p.address()), p));
        Map<String, QuorumMember> matched = new LinkedHashMap<>();
        for (QuorumMember e : entries) {
            Optional<Polled> p = polled.stream().filter(x -> identifies(x, e)).findFirst()
                    .or(() -> clientAddress(e).map(this::key).map(byAddress::get)
                            .filter(x -> identity(x).isEmpty()));
            p.ifPresent(x -> matched.put(x.server(), e));
        }
        Map<HostPort, Long> add = new LinkedHashMap<>();
        for (QuorumMember e : entries) {
            if (matched.containsValue(e)) {
                continue;
            }
            Optional<HostPort> at = clientAddress(e).or(() -> guess(e, reporter));
            at.filter(hp -> !byAddress.containsKey(key(hp))).ifPresent(hp -> add.put(hp, e.id()));
        }
        boolean clientAddressesStated = entries.stream().allMatch(e -> e.clientAddress().isPresent());
        Map<String, MemberOrigin> origins = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (Polled p : polled) {
            boolean listed = matched.containsKey(p.server());
            if (!listed && identity(p).isEmpty() && !clientAddressesStated) {
                continue; // Who it is cannot be told yet: leave it as it is.
            }
            if (p.configured()) {
                origins.put(p.server(), listed ? MemberOrigin.CONFIGURED : MemberOrigin.NOT_IN_MEMBERSHIP);
            } else if (!listed) {
                remove.add(p.server());
            }
        }
        return new Plan(add, origins, remove);
    }

    /** The id and quorum address a member gives itself in its own {@code conf}. */
    private Optional<Map.Entry<Long, String>> identity(Polled p) {
        if (p.config().isEmpty()) {
            return Optional.empty();
        }
        ServerConfig c = p.config().get();
        OptionalLong id = c.serverId();
        if (id.isEmpty() || c.membership().isEmpty()) {
            return Optional.empty();
        }
        return c.membership().get().members().stream()
                .filter(m -> m.id() == id.getAsLong() && !m.quorumAddresses().isEmpty())
                .findFirst()
                .map(m -> Map.entry(m.id(), quorumKey(m)));
    }

    private boolean identifies(Polled p, QuorumMember e) {
        return !e.quorumAddresses().isEmpty() && identity(p)
                .map(id -> id.getKey() == e.id() && id.getValue().equals(quorumKey(e))).orElse(false);
    }

    private String quorumKey(QuorumMember m) {
        io.zkwatch.collectors.HostPort q = m.quorumAddresses().get(0);
        return canonical.apply(q.host() + ":" + q.port());
    }

    private String key(HostPort hp) {
        return canonical.apply(hp.host() + ":" + hp.port());
    }

    /** The client address the entry states; a wildcard host means the member's quorum host. */
    private static Optional<HostPort> clientAddress(QuorumMember e) {
        if (e.clientAddress().isEmpty()) {
            return Optional.empty();
        }
        io.zkwatch.collectors.HostPort c = e.clientAddress().get();
        String host = isWildcard(c.host()) && !e.quorumAddresses().isEmpty()
                ? e.quorumAddresses().get(0).host() : c.host();
        return address(host, c.port());
    }

    private static Optional<HostPort> guess(QuorumMember e, HostPort reporter) {
        return e.quorumAddresses().isEmpty() ? Optional.empty()
                : address(e.quorumAddresses().get(0).host(), reporter.port());
    }

    /** An address zkwatch can poll; a host or port that zkwatch's configuration would refuse is skipped. */
    private static Optional<HostPort> address(String host, int port) {
        try {
            return Optional.of(new HostPort(host, port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }
}
