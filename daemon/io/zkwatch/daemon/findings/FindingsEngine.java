package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detectors on a short schedule: takes each ensemble's current snapshot, appends its digest to the
 * ensemble's bounded {@link History} when it changed, evaluates every detector and publishes the results in one
 * reference, read by the exporter and the API without locking. A detector that throws costs its own findings for
 * that round, never the others'. Lifecycle: LATENT, STARTED, CLOSED; {@link #close()} is idempotent.
 */
public final class FindingsEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("zkwatch.findings");

    private enum State { LATENT, STARTED, CLOSED }

    private final SnapshotStore store;
    private final Function<String, FindingThresholds> thresholds;
    private final Clock clock;
    private final List<Detector> detectors;
    private final BiFunction<String, Finding, Finding> shown;
    private final Map<String, EnsembleState> states = new HashMap<>();
    private final AtomicReference<List<EnsembleFindings>> latest = new AtomicReference<>(List.of());
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private ScheduledExecutorService scheduler;

    /** History and memory of one ensemble. */
    private static final class EnsembleState {
        final History history = new History();
        final FrameBuilder builder = new FrameBuilder();
        final Map<String, Instant> since = new HashMap<>();
        final Map<String, Finding> active = new HashMap<>();
        EnsembleSnapshot last;
    }

    FindingsEngine(SnapshotStore store, Function<String, FindingThresholds> thresholds, Clock clock,
                   List<Detector> detectors) {
        this(store, thresholds, clock, detectors, (ensemble, f) -> f);
    }

    FindingsEngine(SnapshotStore store, Function<String, FindingThresholds> thresholds, Clock clock,
                   List<Detector> detectors, BiFunction<String, Finding, Finding> shown) {
        this.store = Objects.requireNonNull(store, "store");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.detectors = List.copyOf(detectors);
        this.shown = Objects.requireNonNull(shown, "shown");
    }

    /** An engine with every detector, reading thresholds per ensemble name; findings are logged as they are. */
    public static FindingsEngine create(SnapshotStore store, Function<String, FindingThresholds> thresholds,
                                        Clock clock) {
        return new FindingsEngine(store, thresholds, clock, standardDetectors());
    }

    /**
     * An engine with every detector whose log lines show each finding as {@code shown} makes it: the ensemble's
     * redaction, so that a log never holds a path or client host the other outputs hide.
     */
    public static FindingsEngine create(SnapshotStore store, Function<String, FindingThresholds> thresholds,
                                        Clock clock, BiFunction<String, Finding, Finding> shown) {
        return new FindingsEngine(store, thresholds, clock, standardDetectors(), shown);
    }

    /** All detectors, in the order their findings are listed. */
    public static List<Detector> standardDetectors() {
        return List.of(new CoverageDetector(), new SkewDetector(), new OrphanDetector(), new GrowthDetector(),
                new SessionWatchGrowthDetector(), new PathPatternDetector(), new ConnectionLeakDetector());
    }

    /** Evaluates every {@code every}, on a thread of its own. */
    public void start(Duration every) {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("already started or closed");
        }
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "zkwatch-findings");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::evaluateQuietly, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.error("findings evaluation failed", e);
        }
    }

    /** One evaluation of every ensemble now; the scheduler calls it, and tests may. */
    public synchronized List<EnsembleFindings> evaluate() {
        Instant now = clock.instant();
        List<EnsembleFindings> out = new ArrayList<>();
        List<EnsembleSnapshot> snapshots = store.all();
        Set<String> names = snapshots.stream().map(EnsembleSnapshot::ensemble).collect(Collectors.toSet());
        states.keySet().retainAll(names);
        for (EnsembleSnapshot snap : snapshots) {
            EnsembleState s = states.computeIfAbsent(snap.ensemble(), e -> new EnsembleState());
            FindingThresholds t = thresholds.apply(snap.ensemble());
            if (snap != s.last || s.history.size() == 0) {
                s.history.add(s.builder.build(snap, now, t), t.historyWindow());
                s.last = snap;
            }
            out.add(evaluate(snap.ensemble(), s, t, now));
        }
        out.sort(Comparator.comparing(EnsembleFindings::ensemble));
        latest.set(List.copyOf(out));
        return out;
    }

    private EnsembleFindings evaluate(String ensemble, EnsembleState s, FindingThresholds t, Instant now) {
        List<Frame> frames = s.history.frames();
        List<Finding> findings = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Detector d : detectors) {
            try {
                Detection r = d.detect(frames, t, now);
                findings.addAll(r.findings());
                measurements.addAll(r.measurements());
                checks.putAll(r.checks());
            } catch (RuntimeException e) {
                LOG.error("ensemble={} detector {} failed", ensemble, d.getClass().getSimpleName(), e);
                checks.put(d.getClass().getSimpleName(), Map.of("error", String.valueOf(e)));
            }
        }
        Map<String, Instant> since = new HashMap<>();
        List<EnsembleFindings.Active> active = new ArrayList<>();
        for (Finding f : findings) {
            Instant first = s.since.getOrDefault(f.key(), now);
            if (since.putIfAbsent(f.key(), first) == null) {
                active.add(new EnsembleFindings.Active(f, first));
            }
        }
        logChanges(ensemble, s, since, findings);
        s.since.clear();
        s.since.putAll(since);
        s.active.keySet().retainAll(since.keySet());
        findings.forEach(f -> s.active.putIfAbsent(f.key(), f));
        return new EnsembleFindings(ensemble, now, frames.size(), active, measurements, checks);
    }

    /** One log line when a finding starts or ends, never one per evaluation. */
    private void logChanges(String ensemble, EnsembleState s, Map<String, Instant> after, List<Finding> findings) {
        Set<String> logged = new java.util.HashSet<>();
        for (Finding f : findings) {
            if (!s.since.containsKey(f.key()) && logged.add(f.key())) {
                Finding out = shown.apply(ensemble, f);
                LOG.warn("ensemble={} finding={} server={} subject={} active: {}", ensemble, out.kind().label(),
                        out.server(), out.subject(), out.summary());
            }
        }
        s.active.forEach((key, f) -> {
            if (!after.containsKey(key)) {
                Finding out = shown.apply(ensemble, f);
                LOG.info("ensemble={} finding={} server={} subject={} no longer active", ensemble,
                        out.kind().label(), out.server(), out.subject());
            }
        });
    }

    /** The results of the last evaluation, by ensemble name. */
    public List<EnsembleFindings> latest() {
        return latest.get();
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
