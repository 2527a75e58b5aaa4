package io.zkwatch.daemon.findings.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkwatch.daemon.DaemonHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Reads {@code GET /api/v1/findings} of a {@link DaemonHarness} for the live tests. */
final class FindingsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DaemonHarness daemon;
    private final String ensemble;

    FindingsApi(DaemonHarness daemon, String ensemble) {
        this.daemon = daemon;
        this.ensemble = ensemble;
    }

    /** The ensemble's entry, or a missing node before the first evaluation. */
    JsonNode ensemble() throws IOException, InterruptedException {
        HttpResponse<String> r = daemon.get("/api/v1/findings?ensemble=" + ensemble);
        if (r.statusCode() == 404) {
            return JSON.missingNode();
        }
        if (r.statusCode() != 200) {
            throw new IOException("/api/v1/findings answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("ensembles").path(0);
    }

    List<JsonNode> findings() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        ensemble().path("findings").forEach(out::add);
        return out;
    }

    /** The subjects of the active findings of one kind, sorted. */
    static TreeSet<String> subjects(List<JsonNode> findings, String kind) {
        TreeSet<String> out = new TreeSet<>();
        findings.stream().filter(f -> f.path("finding").asText().equals(kind))
                .forEach(f -> out.add(f.path("subject").asText()));
        return out;
    }

    /** Waits until the detectors have evaluated the ensemble at least once. */
    void awaitEvaluation(Duration timeout) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (ensemble().isMissingNode()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no evaluation of " + ensemble + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Polls the findings until {@code accept} holds; fails with the last answer. */
    List<JsonNode> await(Predicate<List<JsonNode>> accept, Duration timeout, String what)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        List<JsonNode> last = List.of();
        while (Instant.now().isBefore(end)) {
            last = findings();
            if (accept.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("within " + timeout + ", the findings never showed " + what + ". Last: " + last);
    }
}
