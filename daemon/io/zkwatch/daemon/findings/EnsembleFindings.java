package io.zkwatch.daemon.findings;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one evaluation of one ensemble: what the exporter renders and the API shows.
 *
 * @param frames how many frames of history the detectors saw
 * @param checks per detector, what it could evaluate and with which parameters
 */
public record EnsembleFindings(String ensemble, Instant evaluatedAt, int frames, List<Active> findings,
                               List<Measurement> measurements, Map<String, Object> checks) {

    /** A finding and when it became active (it stayed active at every evaluation since). */
    public record Active(Finding finding, Instant since) {
        public Active {
            Objects.requireNonNull(finding, "finding");
            Objects.requireNonNull(since, "since");
        }
    }

    public EnsembleFindings {
        Objects.requireNonNull(ensemble, "ensemble");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        findings = List.copyOf(findings);
        measurements = List.copyOf(measurements);
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }
}
