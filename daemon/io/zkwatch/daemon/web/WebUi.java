package io.zkwatch.daemon.web;

import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.time.Clock;

/**
 * The page at {@code /} for people without Grafana, or in the middle of an incident: every ensemble, its members
 * and how clients and watches spread over them. The server renders a plain first view (usable without JavaScript,
 * in a text browser or with {@code curl}); a small script under {@value #STATIC_URL_PATH} then redraws it from the
 * JSON API and keeps it current without reloading. Nothing is fetched from anywhere but this daemon.
 */
public final class WebUi {

    /** URL path under which the script and style sheet are served. */
    public static final String STATIC_URL_PATH = "/ui";
    /** Where they live on the classpath (next to this class, packaged from {@code daemon/}). */
    static final String STATIC_CLASSPATH_DIR = "/io/zkwatch/daemon/web/static";

    private WebUi() {
    }

    /** The handler of {@code GET /}: the server-rendered first view. */
    public static Handler page(SnapshotStore store, Clock clock) {
        IndexPage page = new IndexPage(store, clock);
        return ctx -> ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", IndexPage.CONTENT_SECURITY_POLICY)
                .result(page.render());
    }

    /**
     * Serves the page's static files from the classpath. They are revalidated on every load so that an upgraded
     * daemon never runs with a stale script.
     */
    public static void staticFiles(StaticFileConfig files) {
        files.hostedPath = STATIC_URL_PATH;
        files.directory = STATIC_CLASSPATH_DIR;
        files.location = Location.CLASSPATH;
        files.headers = java.util.Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
    }
}
