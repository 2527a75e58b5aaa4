package io.zkwatch.daemon.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole, validated configuration of one zkwatch process. Immutable and compared by value, so a
 * reload can tell exactly what changed ({@link #changesTo}).
 *
 * @param listen the HTTP listen address of {@code /metrics} and the API
 * @param ensembles the ensembles to watch, in the configured order, each fully resolved
 */
public record ZkwatchConfig(HostPort listen, List<EnsembleConfig> ensembles) {

    /** Where zkwatch listens unless told otherwise. */
    public static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 9663);

    public ZkwatchConfig {
        Objects.requireNonNull(listen, "listen");
        ensembles = List.copyOf(ensembles);
        Problems p = new Problems();
        p.check(!ensembles.isEmpty(), "ensembles", "must list at least one ensemble");
        Set<String> names = new HashSet<>();
        Map<HostPort, String> owner = new HashMap<>();
        for (EnsembleConfig e : ensembles) {
            p.check(names.add(e.name()), "ensembles", "the name " + Values.quote(e.name()) + " is used twice");
            for (HostPort member : e.addresses()) {
                String first = owner.putIfAbsent(member, e.name());
                p.check(first == null, "ensembles", member + " is a member of both " + Values.quote(String.valueOf(first))
                        + " and " + Values.quote(e.name()));
            }
        }
        p.throwIfAny();
    }

    public Optional<EnsembleConfig> ensemble(String name) {
        return ensembles.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public List<String> ensembleNames() {
        return ensembles.stream().map(EnsembleConfig::name).toList();
    }

    /** What a switch from this configuration to {@code next} would change. */
    public ConfigChange changesTo(ZkwatchConfig next) {
        return ConfigChange.between(this, next);
    }
}
