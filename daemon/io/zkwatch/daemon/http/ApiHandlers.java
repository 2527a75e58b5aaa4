package io.zkwatch.daemon.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.snapshot.CommandStatus;
import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.EnsembleView;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.snapshot.Timed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshot as JSON for humans and scripts. Session ids are strings ({@code 0x...}) because they exceed the
 * integers a JSON consumer such as JavaScript can hold exactly.
 */
public final class ApiHandlers {

    static final int DEFAULT_TOP = 50;
    static final int MAX_TOP = 10_000;

    private final SnapshotStore store;
    private final java.util.function.Function<String, LabelPolicy> labelsByEnsemble;
    private final Clock clock;
    private final List<ExtraRoute> extra;

    /** A route contributed by another part of the daemon (findings). */
    public record ExtraRoute(String path, io.javalin.http.Handler handler) {
    }

    public ApiHandlers(SnapshotStore store, java.util.function.Function<String, LabelPolicy> labelsByEnsemble,
                       Clock clock, List<ExtraRoute> extra) {
        this.store = store;
        this.labelsByEnsemble = labelsByEnsemble;
        this.clock = clock;
        this.extra = List.copyOf(extra);
    }

    void register(RoutesConfig routes, ObjectMapper json) {
        routes.get("/api/v1/ensembles", ctx -> send(ctx, json, ensembles()));
        routes.get("/api/v1/ensembles/{name}", ctx -> withEnsemble(ctx, json, s -> ensemble(s)));
        routes.get("/api/v1/ensembles/{name}/sessions",
                ctx -> withEnsemble(ctx, json, s -> sessions(s, top(ctx))));
        routes.get("/api/v1/ensembles/{name}/paths", ctx -> withEnsemble(ctx, json, s -> paths(s, top(ctx))));
        routes.get("/api/v1/ensembles/{name}/clients", ctx -> withEnsemble(ctx, json, s -> clients(s, top(ctx))));
        for (ExtraRoute r : extra) {
            routes.get(r.path(), r.handler());
        }
    }

    private interface Render {
        Object apply(EnsembleSnapshot s);
    }

    private void withEnsemble(Context ctx, ObjectMapper json, Render render) throws Exception {
        Optional<EnsembleSnapshot> s = store.get(ctx.pathParam("name"));
        if (s.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            send(ctx, json, Map.of("error", "no ensemble named " + ctx.pathParam("name")));
            return;
        }
        Object body;
        try {
            body = render.apply(s.get());
        } catch (BadParameter e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            send(ctx, json, Map.of("error", e.getMessage()));
            return;
        }
        send(ctx, json, body);
    }

    /** A query parameter the API cannot honour; answered with 400 and the message. */
    static final class BadParameter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    private static void send(Context ctx, ObjectMapper json, Object body) throws Exception {
        ctx.contentType("application/json").result(json.writeValueAsString(body));
    }

    /**
     * {@code ?top=N}: a whole number of at least 1, capped at {@link #MAX_TOP}. Anything else is refused rather
     * than replaced by the default, so that a typo ({@code top=1O0}) is not silently answered with other rows.
     */
    static int top(Context ctx) {
        String v = ctx.queryParam("top");
        if (v == null) {
            return DEFAULT_TOP;
        }
        String t = v.strip();
        if (!t.matches("[0-9]{1,18}") || Long.parseLong(t) < 1) {
            throw new BadParameter("top must be a positive whole number (values above " + MAX_TOP
                    + " count as " + MAX_TOP + "), got \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"");
        }
        return (int) Math.min(MAX_TOP, Long.parseLong(t));
    }

    private List<Object> ensembles() {
        List<Object> out = new ArrayList<>();
        for (EnsembleSnapshot s : store.all()) {
            out.add(ensemble(s));
        }
        return out;
    }

    private Map<String, Object> ensemble(EnsembleSnapshot s) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", s.ensemble());
        e.put("updated_at", s.updatedAt().toString());
        e.put("snapshot_age_seconds", Math.max(0, clock.millis() - s.updatedAt().toEpochMilli()) / 1000.0);
        e.put("leader", s.leader().map(MemberSnapshot::server).orElse(null));
        EnsembleView view = EnsembleView.of(s);
        List<Object> members = new ArrayList<>();
        for (MemberSnapshot m : s.members()) {
            EnsembleView.ServerView v = view.server(m.server()).orElseThrow();
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("server", m.server());
            mm.put("origin", m.origin().label());
            mm.put("up", m.up());
            mm.put("role", m.role().map(r -> r.text()).orElse(null));
            mm.put("version", m.stats().map(t -> t.value().version()).orElse(null));
            mm.put("session_connections", v.sessionConnections().isPresent() ? v.sessionConnections().getAsLong() : null);
            mm.put("data_watches", v.dataWatches().isPresent() ? v.dataWatches().getAsLong() : null);
            mm.put("all_watches", v.allWatches().isPresent() ? v.allWatches().getAsLong() : null);
            mm.put("connection_share", v.connectionShare());
            mm.put("watch_share", v.watchShare());
            mm.put("last_poll", m.lastPoll().map(Object::toString).orElse(null));
            Map<String, Object> commands = new LinkedHashMap<>();
            for (CommandStatus st : m.commands().values()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("ok", st.ok());
                c.put("at", st.at().toString());
                c.put("took_seconds", st.took().toMillis() / 1000.0);
                c.put("bytes", st.bytes());
                st.failure().ifPresent(k -> {
                    c.put("failure", k.label());
                    c.put("message", st.message());
                });
                commands.put(st.command().label(), c);
            }
            mm.put("commands", commands);
            members.add(mm);
        }
        e.put("members", members);
        return e;
    }

    private Map<String, Object> sessions(EnsembleSnapshot s, int top) {
        LabelPolicy labels = labelsByEnsemble.apply(s.ensemble());
        List<EnsembleView.SessionRow> all = new ArrayList<>();
        EnsembleView.of(s).servers().forEach(v -> all.addAll(v.sessions()));
        all.sort(Comparator.comparingLong(EnsembleView.SessionRow::watches).reversed()
                .thenComparing(EnsembleView.SessionRow::server).thenComparingLong(EnsembleView.SessionRow::sessionId));
        List<Object> rows = new ArrayList<>();
        for (EnsembleView.SessionRow r : all.subList(0, Math.min(top, all.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("server", r.server());
            row.put("session", r.sessionHex());
            row.put("client", labels.clientLabel(r.client()));
            row.put("watches", r.watches());
            row.put("connected", r.connected());
            row.put("sample_paths", labels.paths(r.samplePaths()));
            rows.add(row);
        }
        return Map.of("ensemble", s.ensemble(), "distinct_sessions", all.size(), "sessions", rows);
    }

    private Map<String, Object> paths(EnsembleSnapshot s, int top) {
        LabelPolicy labels = labelsByEnsemble.apply(s.ensemble());
        List<Object> servers = new ArrayList<>();
        for (MemberSnapshot m : s.members()) {
            m.watchesByPath().map(Timed::value).ifPresent(d -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("server", m.server());
                row.put("total_watches", d.totalWatches());
                row.put("distinct_paths", d.distinctPaths());
                if (labels.showsPaths()) {
                    row.put("top_paths", labels.topPaths(d.topPaths().subList(0, Math.min(top, d.topPaths().size())))
                            .stream().map(p -> Map.of("path", p.path(), "watchers", p.watchers())).toList());
                    row.put("prefixes", labels.prefixes(d.watchesByPrefix()).stream().limit(top)
                            .map(p -> Map.of("prefix", p.getKey(), "watches", p.getValue()))
                            .toList());
                }
                servers.add(row);
            });
        }
        return Map.of("ensemble", s.ensemble(), "servers", servers);
    }

    private Map<String, Object> clients(EnsembleSnapshot s, int top) {
        LabelPolicy labels = labelsByEnsemble.apply(s.ensemble());
        Map<String, Map<String, Object>> byHost = new LinkedHashMap<>();
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (EnsembleView.ServerView v : EnsembleView.of(s).servers()) {
            v.clients().forEach(r -> distinct.add(r.host()));
            for (EnsembleView.ClientRow r : labels.clientRows(v.clients())) {
                String host = r.host();
                Map<String, Object> h = byHost.computeIfAbsent(host, k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("client", k);
                    m.put("connections", 0L);
                    m.put("watches", 0L);
                    m.put("servers", new LinkedHashMap<String, Object>());
                    return m;
                });
                h.put("connections", (Long) h.get("connections") + r.connections());
                h.put("watches", (Long) h.get("watches") + r.watches());
                @SuppressWarnings("unchecked")
                Map<String, Object> servers = (Map<String, Object>) h.get("servers");
                servers.put(r.server(), Map.of("connections", r.connections(), "watches", r.watches()));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>(byHost.values());
        rows.sort(Comparator.comparingLong((Map<String, Object> m) -> (Long) m.get("connections")).reversed());
        return Map.of("ensemble", s.ensemble(), "distinct_clients", distinct.size(),
                "clients", rows.subList(0, Math.min(top, rows.size())));
    }
}
