package io.zkwatch.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the parsed YAML tree onto {@link ZkwatchConfig} by hand, so that every error names its key path,
 * and keeps going after an error so that all of them are reported at once.
 */
final class ConfigReader {
    static final Set<String> TOP_KEYS = Set.of("listen", "defaults", "ensembles");
    static final Set<String> DEFAULTS_KEYS = union(SettingsReader.keys(), Set.of("admin", "findings"));
    static final Set<String> ENSEMBLE_KEYS = union(SettingsReader.keys(),
            Set.of("name", "members", "admin", "tls", "member_overrides", "findings"));

    private final Problems problems;
    /** Ensemble name to the path of the ensemble that used it first. */
    private final Map<String, String> names = new HashMap<>();
    /** Member address to the name of the ensemble that listed it first. */
    private final Map<HostPort, String> owners = new HashMap<>();

    private ConfigReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads a whole configuration; throws every problem found, or returns a valid configuration. */
    static ZkwatchConfig read(JsonNode root, YamlNode.Context context) {
        return new ConfigReader(context.problems()).readRoot(YamlNode.root(root, context));
    }

    private ZkwatchConfig readRoot(YamlNode root) {
        if (!root.mapping(TOP_KEYS)) {
            problems.throwIfAny();
        }
        HostPort listen = root.field("listen").flatMap(n -> n.parsed(HostPort::parse))
                .orElse(ZkwatchConfig.DEFAULT_LISTEN);
        EnsembleSettings settings = EnsembleSettings.defaults();
        AdminConfig admin = AdminConfig.defaults();
        FindingThresholds findings = FindingThresholds.defaults();
        Optional<YamlNode> defaults = root.field("defaults");
        if (defaults.isPresent() && defaults.get().mapping(DEFAULTS_KEYS)) {
            settings = SettingsReader.read(defaults.get(), settings).orElse(settings);
            AdminConfig builtIn = admin;
            admin = defaults.get().field("admin").map(n -> EndpointReader.readAdmin(n, builtIn)).orElse(builtIn);
            FindingThresholds builtInFindings = findings;
            findings = defaults.get().field("findings").map(n -> FindingsReader.read(n, builtInFindings))
                    .orElse(builtInFindings);
        }
        List<EnsembleConfig> ensembles = new ArrayList<>();
        Optional<List<YamlNode>> list = root.required("ensembles", "list at least one ensemble")
                .flatMap(YamlNode::list);
        if (list.isPresent() && list.get().isEmpty()) {
            root.field("ensembles").ifPresent(n -> n.fail("is empty; list at least one ensemble"));
        }
        for (YamlNode node : list.orElse(List.of())) {
            readEnsemble(node, settings, admin, findings).ifPresent(ensembles::add);
        }
        problems.throwIfAny();
        return new ZkwatchConfig(listen, ensembles);
    }

    private Optional<EnsembleConfig> readEnsemble(YamlNode node, EnsembleSettings inheritedSettings,
                                                  AdminConfig inheritedAdmin, FindingThresholds inheritedFindings) {
        if (!node.mapping(ENSEMBLE_KEYS)) {
            return Optional.empty();
        }
        Optional<String> name = node.required("name", "give the ensemble a name, e.g. name: kafka")
                .flatMap(n -> n.string().filter(text -> isNewName(n, text)));
        Optional<List<HostPort>> members = readMembers(node, name.orElse("?"));
        Optional<EnsembleSettings> settings = SettingsReader.read(node, inheritedSettings);
        AdminConfig admin = node.field("admin").map(n -> EndpointReader.readAdmin(n, inheritedAdmin))
                .orElse(inheritedAdmin);
        Optional<TlsConfig> tls = node.field("tls").flatMap(EndpointReader::readTls);
        FindingThresholds findings = node.field("findings").map(n -> FindingsReader.read(n, inheritedFindings))
                .orElse(inheritedFindings);
        Map<HostPort, EndpointReader.MemberOverride> overrides = node.field("member_overrides")
                .map(n -> EndpointReader.readOverrides(n, members.orElse(List.of())))
                .orElse(Map.of());
        if (name.isEmpty() || members.isEmpty() || settings.isEmpty()) {
            return Optional.empty();
        }
        return problems.construct(node.path(), () -> {
            List<MemberEndpoint> endpoints = new ArrayList<>();
            for (HostPort member : members.get()) {
                Optional<EndpointReader.MemberOverride> own = Optional.ofNullable(overrides.get(member));
                endpoints.add(EnsembleConfig.resolve(member,
                        own.flatMap(EndpointReader.MemberOverride::tls).or(() -> tls),
                        admin, own.flatMap(EndpointReader.MemberOverride::adminUrl)));
            }
            return new EnsembleConfig(name.get(), endpoints, settings.get(), tls, admin, findings);
        });
    }

    private boolean isNewName(YamlNode node, String name) {
        Optional<String> problem = EnsembleConfig.nameProblem(name);
        if (problem.isPresent()) {
            node.fail(problem.get());
            return false;
        }
        String first = names.putIfAbsent(name, node.path());
        if (first != null) {
            node.failValue(name, "is already the name of " + first.substring(0, first.lastIndexOf('.')));
            return false;
        }
        return true;
    }

    /** The member list, or empty if any entry is wrong (every wrong entry is reported). */
    private Optional<List<HostPort>> readMembers(YamlNode ensemble, String ensembleName) {
        Optional<List<YamlNode>> nodes = ensemble.required("members", "list the servers' client ports, e.g. "
                + "members: [zk1:2181, zk2:2181, zk3:2181]").flatMap(YamlNode::list);
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        if (nodes.get().isEmpty()) {
            ensemble.field("members").ifPresent(n -> n.fail("is empty; list at least one server as host:port"));
            return Optional.empty();
        }
        List<HostPort> members = new ArrayList<>();
        Map<HostPort, String> seenHere = new HashMap<>();
        boolean complete = true;
        for (YamlNode node : nodes.get()) {
            Optional<HostPort> member = node.parsed(HostPort::parse);
            if (member.isEmpty()) {
                complete = false;
                continue;
            }
            HostPort address = member.get();
            String earlier = seenHere.putIfAbsent(address, node.path());
            String owner = owners.putIfAbsent(address, ensembleName);
            if (earlier != null) {
                node.failValue(address.toString(), "is listed twice (also at " + earlier + ")");
                complete = false;
            } else if (owner != null && !owner.equals(ensembleName)) {
                node.failValue(address.toString(), "is already a member of ensemble " + Values.quote(owner));
                complete = false;
            } else {
                members.add(address);
            }
        }
        return complete ? Optional.of(members) : Optional.empty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
