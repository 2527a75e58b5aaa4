package io.zkwatch.daemon.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.zkwatch.daemon.export.FindingRedaction;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.findings.EnsembleFindings;
import io.zkwatch.daemon.findings.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/findings[?ensemble=name]}: every active finding with its summary and evidence (the top orphaned
 * sessions and their paths, pinned client hosts, trends), and per detector what it could evaluate (an orphan grace
 * and why, a command that failed). Client hosts and paths pass through the ensemble's {@link LabelPolicy}
 * ({@link FindingRedaction}).
 */
public final class FindingsRoute {

    public static final String PATH = "/api/v1/findings";

    private final Supplier<List<EnsembleFindings>> results;
    private final Function<String, LabelPolicy> labelsByEnsemble;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public FindingsRoute(Supplier<List<EnsembleFindings>> results, Function<String, LabelPolicy> labelsByEnsemble) {
        this.results = results;
        this.labelsByEnsemble = labelsByEnsemble;
    }

    public ApiHandlers.ExtraRoute route() {
        return new ApiHandlers.ExtraRoute(PATH, this::handle);
    }

    private void handle(Context ctx) throws Exception {
        String only = ctx.queryParam("ensemble");
        Optional<Map<String, Object>> body = body(Optional.ofNullable(only));
        if (body.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            ctx.contentType("application/json").result(json.writeValueAsString(Map.of("error",
                    "no findings for an ensemble named " + only + " (unknown, or not evaluated yet)")));
            return;
        }
        ctx.contentType("application/json").result(json.writeValueAsString(body.get()));
    }

    /** The response: every ensemble, or only the one asked for (empty when there is none such). */
    Optional<Map<String, Object>> body(Optional<String> only) {
        List<Object> ensembles = new ArrayList<>();
        for (EnsembleFindings e : results.get()) {
            if (only.isEmpty() || only.get().equals(e.ensemble())) {
                ensembles.add(ensemble(e));
            }
        }
        if (only.isPresent() && ensembles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Map.of("ensembles", ensembles));
    }

    private Map<String, Object> ensemble(EnsembleFindings e) {
        LabelPolicy labels = labelsByEnsemble.apply(e.ensemble());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ensemble", e.ensemble());
        out.put("evaluated_at", e.evaluatedAt().toString());
        out.put("history_frames", e.frames());
        List<Object> findings = new ArrayList<>();
        for (EnsembleFindings.Active a : e.findings()) {
            Finding f = FindingRedaction.apply(labels, a.finding());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("finding", f.kind().label());
            row.put("server", f.server());
            row.put("subject", f.subject());
            row.put("subject_kind", f.subjectKind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("since", a.since().toString());
            row.put("summary", f.summary());
            row.put("details", f.details());
            findings.add(row);
        }
        out.put("findings", findings);
        out.put("checks", FindingRedaction.details(labels, e.checks()));
        return out;
    }
}
