package io.zkwatch.collectors;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code server.N} entry of the ensemble's membership: from the 4lw {@code conf} membership section
 * ({@code server.N=host:quorumPort:electionPort[|...][:role][;clientHost:clientPort]}) or AdminServer
 * {@code voting_view}.
 *
 * @param quorumAddresses one per configured address (3.6+ allows several, separated by {@code |})
 * @param electionAddresses in the same order as the quorum addresses
 * @param clientAddress present only where the server states it: the 4lw form omits a client address that came
 *     from the static {@code clientPort} setting, while {@code voting_view} shows it for the member answering
 */
public record QuorumMember(long id, List<HostPort> quorumAddresses, List<HostPort> electionAddresses, Role role,
                           Optional<HostPort> clientAddress) {

    /** Whether the member votes. */
    public enum Role {
        PARTICIPANT,
        OBSERVER
    }

    public QuorumMember {
        quorumAddresses = List.copyOf(quorumAddresses);
        electionAddresses = List.copyOf(electionAddresses);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(clientAddress, "clientAddress");
        if (id < 0) {
            throw new IllegalArgumentException("negative server id");
        }
    }

    /** The same member without its client address, for comparing sources that disagree only on that. */
    public QuorumMember withoutClientAddress() {
        return new QuorumMember(id, quorumAddresses, electionAddresses, role, Optional.empty());
    }
}
