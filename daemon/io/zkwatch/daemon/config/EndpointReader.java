package io.zkwatch.daemon.config;

import io.zkwatch.daemon.config.Environment.FileUse;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the blocks that say how members are reached: {@code admin}, {@code tls} and {@code member_overrides}. */
final class EndpointReader {
    static final Set<String> ADMIN_KEYS = Set.of("enabled", "scheme", "port", "commands_path", "authorization_file",
            "tls");
    static final Set<String> TLS_KEYS = Set.of("keystore", "keystore_password_file", "keystore_password_env",
            "truststore", "truststore_password_file", "truststore_password_env", "hostname_verification");
    static final Set<String> OVERRIDE_KEYS = Set.of("admin_url", "tls");
    private static final Set<String> INLINE_PASSWORDS = Set.of("keystore_password", "truststore_password");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A member's own settings, which win over its ensemble's. */
    record MemberOverride(Optional<URI> adminUrl, Optional<TlsConfig> tls) {
    }

    private EndpointReader() {
    }

    /** The {@code admin} block: {@code inherited} with each key it gives applied; {@code inherited} if invalid. */
    static AdminConfig readAdmin(YamlNode block, AdminConfig inherited) {
        if (!block.mapping(ADMIN_KEYS)) {
            return inherited;
        }
        boolean enabled = block.field("enabled").flatMap(YamlNode::bool).orElse(inherited.enabled());
        String scheme = block.field("scheme").flatMap(YamlNode::string).orElse(inherited.scheme());
        int port = block.field("port").flatMap(n -> n.integer(Integer.MIN_VALUE, Integer.MAX_VALUE))
                .map(Long::intValue).orElse(inherited.port());
        String commandsPath = block.field("commands_path").flatMap(YamlNode::string).orElse(inherited.commandsPath());
        Optional<Path> authorization = block.has("authorization_file")
                ? block.field("authorization_file").flatMap(n -> n.file(FileUse.READABLE_FILE))
                : inherited.authorizationFile();
        Optional<TlsConfig> tls = block.has("tls") ? block.field("tls").flatMap(EndpointReader::readTls) : inherited.tls();
        return block.context().problems().construct(block.path(),
                () -> new AdminConfig(enabled, scheme, port, commandsPath, authorization, tls)).orElse(inherited);
    }

    /** A {@code tls} block; empty when it is invalid (the reasons are reported). */
    static Optional<TlsConfig> readTls(YamlNode block) {
        for (String inline : INLINE_PASSWORDS) {
            if (block.has(inline)) {
                block.field(inline).ifPresent(n -> n.fail("passwords are not accepted in the file, so that it can "
                        + "be shared and logged; put it in a file (" + inline + "_file) or an environment variable ("
                        + inline + "_env)"));
            }
        }
        if (!block.mapping(TLS_KEYS, INLINE_PASSWORDS)) {
            return Optional.empty();
        }
        Optional<Path> keystore = block.field("keystore").flatMap(n -> n.file(FileUse.READABLE_FILE));
        Optional<PasswordSource> keystorePassword = password(block, "keystore_password");
        Optional<Path> truststore = block.field("truststore").flatMap(n -> n.file(FileUse.READABLE_FILE));
        Optional<PasswordSource> truststorePassword = password(block, "truststore_password");
        boolean verify = block.field("hostname_verification").flatMap(YamlNode::bool).orElse(true);
        return block.context().problems().construct(block.path(),
                () -> new TlsConfig(keystore, keystorePassword, truststore, truststorePassword, verify));
    }

    /**
     * The {@code member_overrides} mapping, keyed by listed member. Keys that are not members are reported:
     * an override that silently applies to nothing is how a typo survives for months.
     */
    static Map<HostPort, MemberOverride> readOverrides(YamlNode block, List<HostPort> members) {
        Map<HostPort, MemberOverride> out = new LinkedHashMap<>();
        if (!block.anyMapping()) {
            return out;
        }
        for (Map.Entry<String, YamlNode> entry : block.entries()) {
            YamlNode value = entry.getValue();
            HostPort member;
            try {
                member = HostPort.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                value.failValue(entry.getKey(), e.getMessage());
                continue;
            }
            if (!members.contains(member)) {
                value.fail("is not a member of this ensemble (members: "
                        + members.stream().map(HostPort::toString).collect(Collectors.joining(", ")) + ")");
                continue;
            }
            if (out.containsKey(member)) {
                value.fail("overrides " + member + " a second time");
                continue;
            }
            if (value.mapping(OVERRIDE_KEYS)) {
                Optional<URI> adminUrl = value.field("admin_url").flatMap(n -> n.parsed(AdminConfig::parseUrl));
                Optional<TlsConfig> tls = value.field("tls").flatMap(EndpointReader::readTls);
                out.put(member, new MemberOverride(adminUrl, tls));
            }
        }
        return out;
    }

    /** {@code <prefix>_file} or {@code <prefix>_env}, at most one of them. */
    private static Optional<PasswordSource> password(YamlNode block, String prefix) {
        String fileKey = prefix + "_file";
        String envKey = prefix + "_env";
        if (block.has(fileKey) && block.has(envKey)) {
            block.field(envKey).ifPresent(n -> n.fail("give " + fileKey + " or " + envKey + ", not both"));
            return Optional.empty();
        }
        Optional<PasswordSource> fromFile = block.field(fileKey).flatMap(n -> n.file(FileUse.READABLE_FILE))
                .map(PasswordSource.FromFile::new);
        if (fromFile.isPresent()) {
            return fromFile;
        }
        return block.field(envKey).flatMap(n -> n.string().flatMap(name -> {
            if (!ENV_NAME.matcher(name).matches()) {
                n.fail("is not an environment variable name");
                return Optional.empty();
            }
            if (block.context().environment().variable(name).filter(v -> !v.isEmpty()).isEmpty()) {
                n.fail("names an environment variable that is not set, or is empty");
                return Optional.empty();
            }
            return Optional.of(new PasswordSource.FromEnv(name));
        }));
    }
}
