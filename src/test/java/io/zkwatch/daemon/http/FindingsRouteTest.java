package io.zkwatch.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.findings.EnsembleFindings;
import io.zkwatch.daemon.findings.Finding;
import io.zkwatch.daemon.findings.FindingKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/findings}: one ensemble or all, and znode paths in the evidence under the ensemble's policy. */
class FindingsRouteTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static EnsembleFindings results(String ensemble) {
        Map<String, Object> details = Map.of("session", "0xa1", "sample_paths", List.of("/tenant/alice", "/b"),
                "paths", List.of(Map.of("path", "/tenant/alice", "sessions", 30L)));
        Finding f = new Finding(FindingKind.ORPHANED_WATCHES, "zk1:2181", Finding.SubjectKind.SESSION, "0xa1",
                "session 0xa1 ...", details);
        return new EnsembleFindings(ensemble, NOW, 3, List.of(new EnsembleFindings.Active(f, NOW)), List.of(),
                Map.of("orphaned_watches", Map.of("zk1:2181", Map.of("top", List.of(Map.of("session", "0xa1",
                        "sample_paths", List.of("/tenant/alice")))))));
    }

    private static String render(LabelPolicy policy) {
        return String.valueOf(new FindingsRoute(() -> List.of(results("a"), results("b")), e -> policy)
                .body(Optional.empty()).orElseThrow());
    }

    @Test
    void selectsOneEnsembleOrAnswersNothingForAnUnknownOne() {
        FindingsRoute route = new FindingsRoute(() -> List.of(results("a"), results("b")), e -> LabelPolicy.raw());
        assertEquals(2, ((List<?>) route.body(Optional.empty()).orElseThrow().get("ensembles")).size());
        assertEquals(1, ((List<?>) route.body(Optional.of("b")).orElseThrow().get("ensembles")).size());
        assertEquals(Optional.empty(), route.body(Optional.of("c")));
    }

    @Test
    void pathsInTheEvidenceFollowTheEnsemblesRedaction() {
        assertTrue(render(LabelPolicy.raw()).contains("/tenant/alice"));
        String hashed = render(LabelPolicy.hmac("k".getBytes(StandardCharsets.UTF_8)));
        assertTrue(!hashed.contains("/tenant/alice") && hashed.contains("hmac:"), hashed);
        String dropped = render(LabelPolicy.drop());
        assertTrue(!dropped.contains("/tenant/alice") && !dropped.contains("hmac:"), dropped);
        assertTrue(dropped.contains("0xa1"), "sessions stay");
    }
}
