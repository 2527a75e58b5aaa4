package io.zkwatch.daemon.web;

import io.zkwatch.daemon.snapshot.EnsembleSnapshot;
import io.zkwatch.daemon.snapshot.EnsembleView;
import io.zkwatch.daemon.snapshot.MemberSnapshot;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The first view of {@code /}, rendered from the current snapshots: ensembles and their members with role,
 * health, connections and watches. The script replaces it with the full, refreshing view; without JavaScript this
 * is what a reader gets. The element ids and {@code data-part} names are what the script fills in.
 */
final class IndexPage {

    /** Only this daemon's own script, style sheet and API: a path that smuggles markup can never run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final SnapshotStore store;
    private final Clock clock;

    IndexPage(SnapshotStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    String render() {
        StringBuilder h = new StringBuilder(8 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>zkwatch</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(WebUi.STATIC_URL_PATH).append("/app.css\">\n")
                .append("<script src=\"").append(WebUi.STATIC_URL_PATH).append("/app.js\" defer></script>\n")
                .append("</head>\n<body>\n<header>\n<h1>zkwatch</h1>\n")
                .append("<p id=\"status\" role=\"status\">Rendered by the server at ")
                .append(Html.escape(clock.instant().toString()))
                .append(". Live updates, charts and tables need JavaScript.</p>\n</header>\n<main id=\"ensembles\">\n");
        List<EnsembleSnapshot> all = store.all();
        if (all.isEmpty()) {
            h.append("<p class=\"empty\">No ensemble is configured.</p>\n");
        }
        for (EnsembleSnapshot s : all) {
            ensemble(h, s);
        }
        h.append("</main>\n<footer>The same data as JSON: <a href=\"/api/v1/ensembles\">/api/v1/ensembles</a>; ")
                .append("for Prometheus: <a href=\"/metrics\">/metrics</a>.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private void ensemble(StringBuilder h, EnsembleSnapshot s) {
        String name = Html.escape(s.ensemble());
        Duration age = Duration.between(s.updatedAt(), clock.instant());
        h.append("<section class=\"ensemble\" data-ensemble=\"").append(name).append("\">\n<h2>").append(name)
                .append("</h2>\n<p class=\"meta\">Leader: ")
                .append(Html.escape(s.leader().map(MemberSnapshot::server).orElse("none known")))
                .append(". Snapshot age: ").append(Math.max(0, age.toSeconds())).append(" s.</p>\n")
                .append("<div data-part=\"members\">\n<table class=\"members\">\n<thead><tr><th>member</th>")
                .append("<th>role</th><th>health</th><th>version</th><th>connections</th><th>share</th>")
                .append("<th>watches</th><th>share</th></tr></thead>\n<tbody>\n");
        EnsembleView view = EnsembleView.of(s);
        for (MemberSnapshot m : s.members()) {
            EnsembleView.ServerView v = view.server(m.server()).orElseThrow();
            h.append("<tr><td>").append(Html.escape(m.server()))
                    .append("</td><td>").append(Html.escape(m.role().map(r -> r.text()).orElse("-")))
                    .append("</td><td>").append(Html.escape(health(m)))
                    .append("</td><td>").append(Html.escape(m.stats().map(t -> shortVersion(t.value().version())).orElse("-")))
                    .append("</td><td class=\"num\">").append(count(v.sessionConnections()))
                    .append("</td><td class=\"num\">").append(percent(v.connectionShare()))
                    .append("</td><td class=\"num\">").append(count(v.allWatches()))
                    .append("</td><td class=\"num\">").append(percent(v.watchShare()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
        for (String part : List.of("distribution", "findings", "sessions", "paths", "clients")) {
            h.append("<div data-part=\"").append(part).append("\"></div>\n");
        }
        h.append("</section>\n");
    }

    /** "up", or "down", followed by the commands whose last run failed and why. */
    static String health(MemberSnapshot m) {
        String failing = m.commands().values().stream().filter(c -> !c.ok())
                .map(c -> c.command().label() + ": " + c.failure().orElseThrow().label())
                .collect(Collectors.joining(", "));
        String state = m.lastPoll().isEmpty() ? "not polled yet" : m.up() ? "up" : "down";
        return failing.isEmpty() ? state : state + " (" + failing + ")";
    }

    private static String count(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "-";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** "3.9.5-293c8..., built on ..." as 3.9.5, as the script shows it. */
    static String shortVersion(String version) {
        String[] parts = version.split("[-,\\s]", 2);
        return parts[0].isEmpty() ? version : parts[0];
    }
}
