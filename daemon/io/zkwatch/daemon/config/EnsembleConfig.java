package io.zkwatch.daemon.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One ensemble to watch, fully resolved: its members' endpoints with every override applied, and its
 * settings with the defaults merged in. Value equality lets a reload tell which ensembles changed.
 *
 * @param name the ensemble's label value in every series; {@code [a-zA-Z0-9_.-]+}
 * @param members the listed members, in the configured order
 * @param settings cadences, guards, caps and export choices
 * @param tls the ensemble's four-letter-word TLS, which a member discovered from {@code conf} gets
 * @param admin the ensemble's AdminServer settings, which a member discovered from {@code conf} gets
 * @param findings the thresholds of the ensemble's findings
 */
public record EnsembleConfig(String name, List<MemberEndpoint> members, EnsembleSettings settings,
                             Optional<TlsConfig> tls, AdminConfig admin, FindingThresholds findings) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final int NAME_MAX = 64;

    public EnsembleConfig {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(findings, "findings");
        Problems p = new Problems();
        nameProblem(name).ifPresent(reason -> p.add("name", reason));
        p.check(!members.isEmpty(), "members", "must list at least one member");
        Set<HostPort> seen = new HashSet<>();
        for (MemberEndpoint member : members) {
            p.check(seen.add(member.address()), "members", Values.quote(member.address().toString())
                    + " is listed twice");
        }
        if (settings.source() == CommandSource.ADMIN) {
            for (MemberEndpoint member : members) {
                p.check(member.admin().isPresent(), "source", "admin needs an AdminServer, but "
                        + member.address() + " has none (admin.enabled is false and it has no admin_url)");
            }
        }
        p.throwIfAny();
    }

    /** An ensemble with the default finding thresholds. */
    public EnsembleConfig(String name, List<MemberEndpoint> members, EnsembleSettings settings,
                          Optional<TlsConfig> tls, AdminConfig admin) {
        this(name, members, settings, tls, admin, FindingThresholds.defaults());
    }

    /** What is wrong with an ensemble name, if anything. Shared with the readers so they can say it early. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
            return Optional.of(Values.quote(name) + " is not a valid ensemble name (use 1-" + NAME_MAX
                    + " of a-z A-Z 0-9 _ . -)");
        }
        return Optional.empty();
    }

    /** The members' addresses, in order. */
    public List<HostPort> addresses() {
        return members.stream().map(MemberEndpoint::address).toList();
    }

    public Optional<MemberEndpoint> member(HostPort address) {
        return members.stream().filter(m -> m.address().equals(address)).findFirst();
    }

    /**
     * The endpoint for {@code address}: the listed member's, or, for a member discovered from {@code conf},
     * one built from the ensemble's TLS and AdminServer settings.
     */
    public MemberEndpoint endpointFor(HostPort address) {
        return member(address).orElseGet(() -> resolve(address, tls, admin, Optional.empty()));
    }

    /** Applies the ensemble's settings, and a member's own overrides, to one member address. */
    static MemberEndpoint resolve(HostPort address, Optional<TlsConfig> tls, AdminConfig admin,
                                  Optional<URI> adminUrl) {
        return new MemberEndpoint(address, tls, admin.endpointFor(address, tls, adminUrl));
    }
}
