package io.zkwatch.daemon.findings;

import io.zkwatch.daemon.config.FindingThresholds;
import java.time.Instant;
import java.util.List;

/**
 * A pure function from an ensemble's recent history to findings and measurements. No I/O and no clock of its own:
 * the time is given, so that a test can replay any sequence of snapshots.
 */
@FunctionalInterface
public interface Detector {

    /**
     * @param frames the ensemble's history, oldest first, never empty
     * @param now the time of the evaluation, from the engine's clock
     */
    Detection detect(List<Frame> frames, FindingThresholds thresholds, Instant now);
}
