package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Feeds a sequence of hand-built snapshots through a {@link FrameBuilder}, as the engine would, and runs a detector. */
final class Replay {

    private final FrameBuilder builder = new FrameBuilder();
    private final List<Frame> frames = new ArrayList<>();
    private final FindingThresholds thresholds;

    Replay(FindingThresholds thresholds) {
        this.thresholds = thresholds;
    }

    Replay() {
        this(FindingThresholds.defaults());
    }

    /** One frame taken at {@code at} of {@code snapshot}. */
    Replay add(Instant at, EnsembleSnapshot snapshot) {
        frames.add(builder.build(snapshot, at, thresholds));
        return this;
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    Detection run(Detector detector) {
        return detector.detect(frames(), thresholds, frames.get(frames.size() - 1).at());
    }

    static List<String> subjects(Detection d, FindingKind kind) {
        return d.findings().stream().filter(f -> f.kind() == kind).map(Finding::subject).sorted().toList();
    }

    static double measure(Detection d, Measurement.Measure m, String... labels) {
        return d.measurements().stream().filter(x -> x.measure() == m && x.labels().equals(List.of(labels)))
                .mapToDouble(Measurement::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + m + " " + List.of(labels) + " in " + d.measurements()));
    }
}
