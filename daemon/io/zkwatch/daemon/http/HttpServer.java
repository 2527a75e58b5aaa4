package io.zkwatch.daemon.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.web.WebUi;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * zkwatch's HTTP face: {@code /metrics}, health and readiness, reload, the JSON API over the snapshots, and the
 * built-in page's static files ({@link WebUi}).
 * Handlers only read the current snapshots; nothing here ever talks to ZooKeeper.
 */
public final class HttpServer implements AutoCloseable {

    /** The result of a reload request: empty errors on success. */
    public record ReloadResult(boolean ok, java.util.List<String> errors) {
        public ReloadResult {
            errors = java.util.List.copyOf(errors);
        }
    }

    private static final String EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts listening.
     *
     * @param ready true once every ensemble has completed its first poll
     * @param reload re-reads the configuration file
     */
    public static HttpServer start(InetSocketAddress listen, MetricsRegistry metrics, ApiHandlers api,
                                   BooleanSupplier ready, Supplier<ReloadResult> reload) {
        Objects.requireNonNull(metrics, "metrics");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Javalin app = Javalin.create(config -> {
            config.jetty.host = listen.getHostString();
            config.jetty.port = listen.getPort();
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(WebUi::staticFiles);
            config.routes.get("/metrics", ctx -> metrics(ctx, metrics));
            config.routes.get("/-/healthy", ctx -> ctx.contentType("text/plain").result("zkwatch is healthy.\n"));
            config.routes.get("/-/ready", ctx -> {
                if (ready.getAsBoolean()) {
                    ctx.contentType("text/plain").result("zkwatch is ready.\n");
                } else {
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain")
                            .result("zkwatch is not ready: the first poll of every ensemble has not completed.\n");
                }
            });
            config.routes.post("/-/reload", ctx -> {
                ReloadResult r = reload.get();
                ctx.status(r.ok() ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR)
                        .contentType("application/json")
                        .result(json.writeValueAsString(Map.of("ok", r.ok(), "errors", r.errors())));
            });
            api.register(config.routes, json);
        });
        app.start();
        return new HttpServer(app);
    }

    private static void metrics(Context ctx, MetricsRegistry metrics) throws IOException {
        Set<String> names = new LinkedHashSet<>(ctx.queryParams("name[]"));
        StringWriter w = new StringWriter(64 * 1024);
        metrics.write(w, names);
        ctx.contentType(EXPOSITION_CONTENT_TYPE).result(w.toString());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
