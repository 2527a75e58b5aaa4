package io.zkwatch.daemon.findings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one detector concluded from one ensemble's history.
 *
 * @param checks what the detector could and could not evaluate, and with which parameters (an orphan grace and
 *     why), keyed for the API; never a silent zero
 */
public record Detection(List<Finding> findings, List<Measurement> measurements, Map<String, Object> checks) {

    public Detection {
        findings = List.copyOf(findings);
        measurements = List.copyOf(measurements);
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    public static Detection of(List<Finding> findings, List<Measurement> measurements) {
        return new Detection(findings, measurements, Map.of());
    }
}
