package io.zkwatch.daemon.findings;

import java.util.List;
import java.util.Objects;

/**
 * A number a detector computed, exported whether or not it crossed a threshold, so that dashboards and alert rules
 * can see how close an ensemble is.
 *
 * @param labels the label values after {@code ensemble}, in the order of the measure's metric family
 */
public record Measurement(Measure measure, List<String> labels, double value) {

    /** The measures, one per metric family of the findings exporter. */
    public enum Measure {
        /** Labels: server, type ({@code connections} or {@code watches}). */
        SKEW_RATIO(2),
        /** Labels: server. */
        ORPHANED_SESSIONS(1),
        /** Labels: server. */
        ORPHANED_WATCHES(1),
        /** Labels: server. */
        ORPHAN_GRACE_SECONDS(1),
        /** Labels: server, metric ({@code watches}, {@code approximate_data_size}, {@code znodes}, {@code heap}). */
        GROWTH_RATE(2),
        /** Labels: client. */
        CLIENT_CONNECTION_GROWTH_RATE(1),
        /** Labels: client. */
        CLIENT_SESSIONS(1);

        private final int labels;

        Measure(int labels) {
            this.labels = labels;
        }

        public int labelCount() {
            return labels;
        }
    }

    public Measurement {
        Objects.requireNonNull(measure, "measure");
        labels = List.copyOf(labels);
        if (labels.size() != measure.labelCount()) {
            throw new IllegalArgumentException(measure + " takes " + measure.labelCount() + " labels, got " + labels);
        }
    }

    public static Measurement of(Measure measure, double value, String... labels) {
        return new Measurement(measure, List.of(labels), value);
    }
}
