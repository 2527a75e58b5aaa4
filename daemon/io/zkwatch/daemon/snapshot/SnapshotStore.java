package io.zkwatch.daemon.snapshot;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The current snapshot of every ensemble. Pollers publish with a compare-and-set on one
 * {@link AtomicReference} per ensemble; readers (the exporter, the API, detectors) take whatever is current
 * without locking.
 */
public final class SnapshotStore {

    private final ConcurrentMap<String, AtomicReference<EnsembleSnapshot>> ensembles = new ConcurrentHashMap<>();

    /**
     * One ensemble's place in the store, held by the poller that fills it. Once the ensemble is removed, updates
     * through its slot reach no reader, even if an ensemble of the same name was registered since: a poll that
     * was in flight when a reload replaced its poller cannot bring back a member the new configuration dropped.
     */
    public static final class Slot {
        private final String ensemble;
        private final AtomicReference<EnsembleSnapshot> ref;

        private Slot(String ensemble, AtomicReference<EnsembleSnapshot> ref) {
            this.ensemble = ensemble;
            this.ref = ref;
        }

        public String ensemble() {
            return ensemble;
        }

        public EnsembleSnapshot get() {
            return ref.get();
        }

        public EnsembleSnapshot update(UnaryOperator<EnsembleSnapshot> change) {
            return ref.updateAndGet(change);
        }
    }

    /** Registers an ensemble, or returns its slot if it is registered already. */
    public Slot register(String ensemble, Instant at) {
        return new Slot(ensemble, ensembles.computeIfAbsent(ensemble,
                e -> new AtomicReference<>(EnsembleSnapshot.empty(e, at, List.of()))));
    }

    public void remove(String ensemble) {
        ensembles.remove(ensemble);
    }

    /** Removes the ensemble if this slot is still the registered one. */
    public void remove(Slot slot) {
        ensembles.remove(slot.ensemble, slot.ref);
    }

    public EnsembleSnapshot update(String ensemble, UnaryOperator<EnsembleSnapshot> change) {
        AtomicReference<EnsembleSnapshot> ref = ensembles.get(ensemble);
        if (ref == null) {
            throw new IllegalStateException("unknown ensemble " + ensemble);
        }
        return ref.updateAndGet(change);
    }

    public Optional<EnsembleSnapshot> get(String ensemble) {
        AtomicReference<EnsembleSnapshot> ref = ensembles.get(ensemble);
        return ref == null ? Optional.empty() : Optional.of(ref.get());
    }

    /** All current snapshots, sorted by ensemble name. */
    public List<EnsembleSnapshot> all() {
        Collection<AtomicReference<EnsembleSnapshot>> refs = ensembles.values();
        return refs.stream().map(AtomicReference::get)
                .sorted(java.util.Comparator.comparing(EnsembleSnapshot::ensemble)).toList();
    }
}
