package io.zkwatch.daemon.poll;

import io.zkwatch.collectors.CommandTransport;
import java.util.Objects;
import java.util.Optional;

/**
 * The ways to reach one member. Cheap commands and dumps use separate transports because they run under
 * different limits (a dump may take a minute and hundreds of MB; a cheap command neither).
 *
 * @param server the {@code host:port} label of the member's client port
 */
public record MemberTransports(String server, String host, int port, CommandTransport fourLetter,
                             CommandTransport fourLetterDump, Optional<CommandTransport> admin,
                             Optional<CommandTransport> adminDump) {
    public MemberTransports {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fourLetter, "fourLetter");
        Objects.requireNonNull(fourLetterDump, "fourLetterDump");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(adminDump, "adminDump");
        if (admin.isPresent() != adminDump.isPresent()) {
            throw new IllegalArgumentException("admin and adminDump go together");
        }
    }

    /** Builds the endpoint of a member found by discovery, with the ensemble's transport settings. */
    @FunctionalInterface
    public interface Factory {
        MemberTransports create(String host, int port);
    }
}
