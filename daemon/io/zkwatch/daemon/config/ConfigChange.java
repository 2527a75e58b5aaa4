package io.zkwatch.daemon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The difference between two configurations, by ensemble name, so that a reload restarts only the
 * pollers of ensembles that changed and leaves the others (and their history) alone.
 *
 * @param added ensembles only in {@code current}
 * @param removed ensembles only in {@code previous}
 * @param changed ensembles in both whose configuration differs in any way
 * @param listenChanged whether the HTTP listen address differs; the daemon decides whether it can rebind
 */
public record ConfigChange(ZkwatchConfig previous, ZkwatchConfig current, List<String> added,
                           List<String> removed, List<String> changed, boolean listenChanged) {

    public ConfigChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public static ConfigChange between(ZkwatchConfig previous, ZkwatchConfig current) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (EnsembleConfig now : current.ensembles()) {
            Optional<EnsembleConfig> before = previous.ensemble(now.name());
            if (before.isEmpty()) {
                added.add(now.name());
            } else if (!before.get().equals(now)) {
                changed.add(now.name());
            }
        }
        List<String> removed = previous.ensembleNames().stream()
                .filter(name -> current.ensemble(name).isEmpty()).toList();
        return new ConfigChange(previous, current, added, removed, changed,
                !previous.listen().equals(current.listen()));
    }

    /** Whether nothing at all differs (ensemble order aside). */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && !listenChanged;
    }

    /** One line for the log: {@code added [a]; removed [b]; changed [c]; listen 0.0.0.0:9663 -> ...}. */
    public String summary() {
        if (isEmpty()) {
            return "no change";
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + added);
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + removed);
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + changed);
        }
        if (listenChanged) {
            parts.add("listen " + previous.listen() + " -> " + current.listen());
        }
        return String.join("; ", parts);
    }
}
