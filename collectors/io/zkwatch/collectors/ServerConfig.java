package io.zkwatch.collectors;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A member's configuration: {@code conf} (4lw), or AdminServer {@code configuration} plus {@code voting_view}.
 *
 * <p>Property keys use the 4lw spelling ({@code clientPort}, {@code minSessionTimeout}); the AdminServer's
 * snake_case keys are converted ({@code client_port} becomes {@code clientPort}) so that both sources agree.
 * The typed accessors read those properties; the constructor rejects a known key whose value is not a number.
 *
 * @param membership empty when the source did not say (AdminServer {@code configuration} alone); a standalone
 *     server has a present, empty membership
 */
public record ServerConfig(Map<String, String> properties, Optional<Membership> membership) {

    /** The dynamic-configuration view: the members and the config version ({@code version=}, hex in 4lw). */
    public record Membership(List<QuorumMember> members, OptionalLong version) {
        public Membership {
            members = members.stream().sorted(Comparator.comparingLong(QuorumMember::id)).toList();
            Objects.requireNonNull(version, "version");
            for (int i = 1; i < members.size(); i++) {
                if (members.get(i).id() == members.get(i - 1).id()) {
                    throw new IllegalArgumentException("duplicate server id " + members.get(i).id());
                }
            }
        }
    }

    private static final List<String> INT_KEYS =
            List.of("clientPort", "tickTime", "minSessionTimeout", "maxSessionTimeout");

    public ServerConfig {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(membership, "membership");
        Map<String, String> copy = new LinkedHashMap<>();
        properties.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
        properties = Collections.unmodifiableMap(copy);
        for (String key : INT_KEYS) {
            String v = properties.get(key);
            if (v != null) {
                Integer.parseInt(v.trim());
            }
        }
        String id = properties.get("serverId");
        if (id != null) {
            Long.parseLong(id.trim());
        }
    }

    /** {@code client_port_listen_backlog} becomes {@code clientPortListenBacklog}. */
    public static String camelCase(String snake) {
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public OptionalLong serverId() {
        String v = properties.get("serverId");
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.trim()));
    }

    public OptionalInt clientPort() {
        return intProperty("clientPort");
    }

    public OptionalInt tickTime() {
        return intProperty("tickTime");
    }

    public OptionalInt minSessionTimeout() {
        return intProperty("minSessionTimeout");
    }

    public OptionalInt maxSessionTimeout() {
        return intProperty("maxSessionTimeout");
    }

    /** The dynamic config version, where the source gives it (4lw {@code conf} only). */
    public OptionalLong configVersion() {
        return membership.map(Membership::version).orElse(OptionalLong.empty());
    }

    public ServerConfig withMembership(Membership m) {
        return new ServerConfig(properties, Optional.of(m));
    }

    private OptionalInt intProperty(String key) {
        String v = properties.get(key);
        return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.trim()));
    }
}
