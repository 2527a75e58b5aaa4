package io.zkwatch.daemon.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.zkwatch.daemon.config.WebConfig;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.web.WebUi;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * zkwatch's HTTP face: {@code /metrics}, health and readiness, reload, the JSON API over the snapshots, and the
 * built-in page's static files ({@link WebUi}).
 * Handlers only read the current snapshots; nothing here ever talks to ZooKeeper.
 */
public final class HttpServer implements AutoCloseable {

    /**
     * How the endpoint protects itself.
     *
     * @param web TLS and basic auth, from {@code --web.config.file}
     * @param maxConcurrentScrapes scrapes of {@code /metrics} served at once; more get 503 at once. 0 for no limit.
     */
    public record Protection(WebConfig web, int maxConcurrentScrapes) {
        /** node_exporter's default for its {@code --web.max-requests}. */
        public static final int DEFAULT_MAX_CONCURRENT_SCRAPES = 40;

        public Protection {
            Objects.requireNonNull(web, "web");
            if (maxConcurrentScrapes < 0) {
                throw new IllegalArgumentException("maxConcurrentScrapes is negative: " + maxConcurrentScrapes);
            }
        }

        /** Plain HTTP, no authentication, the default scrape limit. */
        public static Protection open() {
            return new Protection(WebConfig.open(), DEFAULT_MAX_CONCURRENT_SCRAPES);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** The one route left open under basic auth: it says nothing but that the process answers, for liveness probes. */
    static final String HEALTHY = "/-/healthy";
    static final String CHALLENGE = "Basic realm=\"zkwatch\"";

    /** The result of a reload request: empty errors on success. */
    public record ReloadResult(boolean ok, java.util.List<String> errors) {
        public ReloadResult {
            errors = java.util.List.copyOf(errors);
        }
    }

    private static final String EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;
    private final boolean tls;

    private HttpServer(Javalin app, boolean tls) {
        this.app = app;
        this.tls = tls;
    }

    /** Starts listening over plain HTTP, open to all, with the default scrape limit. */
    public static HttpServer start(InetSocketAddress listen, MetricsRegistry metrics, ApiHandlers api,
                                   BooleanSupplier ready, Supplier<ReloadResult> reload) {
        return start(listen, Protection.open(), metrics, api, ready, reload);
    }

    /**
     * Starts listening.
     *
     * @param ready true once every ensemble has completed its first poll
     * @param reload re-reads the configuration file
     * @throws io.zkwatch.daemon.config.ConfigException when the TLS files cannot be used
     */
    public static HttpServer start(InetSocketAddress listen, Protection protection, MetricsRegistry metrics,
                                   ApiHandlers api, BooleanSupplier ready, Supplier<ReloadResult> reload) {
        return start(listen, protection, BasicAuth.PasswordCheck.bcrypt(), metrics, api, ready, reload);
    }

    static HttpServer start(InetSocketAddress listen, Protection protection, BasicAuth.PasswordCheck passwords,
                            MetricsRegistry metrics, ApiHandlers api, BooleanSupplier ready,
                            Supplier<ReloadResult> reload) {
        Objects.requireNonNull(metrics, "metrics");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Optional<BasicAuth> auth = BasicAuth.of(protection.web(), passwords);
        var ssl = protection.web().tls().map(TlsEndpoint::sslContextFactory);
        Counter unauthorized = Counter.builder("zkwatch.http.unauthorized.requests")
                .description("Requests to zkwatch's own endpoint refused with 401: no, unknown or wrong basic auth "
                        + "credentials").register(metrics.meters());
        Counter rejected = Counter.builder("zkwatch.http.scrapes.rejected")
                .description("Scrapes of /metrics refused with 503 because the configured number of concurrent "
                        + "scrapes (--web.max-requests) were already in flight").register(metrics.meters());
        Semaphore scrapes = new Semaphore(protection.maxConcurrentScrapes() == 0 ? Integer.MAX_VALUE
                : protection.maxConcurrentScrapes());
        Javalin app = Javalin.create(config -> {
            config.jetty.host = listen.getHostString();
            config.jetty.port = listen.getPort();
            ssl.ifPresent(factory -> config.jetty.addConnector((server, http) ->
                    TlsEndpoint.connector(server, http, factory, listen.getHostString(), listen.getPort())));
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(WebUi::staticFiles);
            auth.ifPresent(a -> config.routes.before(ctx -> {
                if (!ctx.path().equals(HEALTHY) && !a.allows(ctx.header("Authorization"))) {
                    unauthorized.increment();
                    ctx.skipRemainingHandlers();
                    ctx.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", CHALLENGE)
                            .contentType("text/plain").result("Unauthorized\n");
                }
            }));
            config.routes.get("/metrics", ctx -> {
                if (!scrapes.tryAcquire()) {
                    rejected.increment();
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain")
                            .result("zkwatch is serving " + protection.maxConcurrentScrapes()
                                    + " scrapes already (--web.max-requests); try again at the next scrape.\n");
                    return;
                }
                try {
                    metrics(ctx, metrics);
                } finally {
                    scrapes.release();
                }
            });
            config.routes.get(HEALTHY, ctx -> ctx.contentType("text/plain").result("zkwatch is healthy.\n"));
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
        return new HttpServer(app, ssl.isPresent());
    }

    private static void metrics(Context ctx, MetricsRegistry metrics) throws IOException {
        long started = System.nanoTime();
        Set<String> names = new LinkedHashSet<>(ctx.queryParams("name[]"));
        StringWriter w = new StringWriter(64 * 1024);
        metrics.write(w, names);
        ctx.contentType(EXPOSITION_CONTENT_TYPE).result(w.toString());
        String header = ctx.header(ScrapeTimeout.HEADER);
        if (header == null) {
            return;
        }
        Optional<Duration> timeout = ScrapeTimeout.parse(header);
        if (timeout.isEmpty()) {
            LOG.debug("ignoring {}: \"{}\" is not a positive number of seconds", ScrapeTimeout.HEADER,
                    ScrapeTimeout.printable(header));
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(timeout.get()) > 0) {
            LOG.warn("rendering /metrics took {} ms, longer than the scraper's timeout of {} ms: it has given up on "
                    + "this scrape", took.toMillis(), timeout.get().toMillis());
        }
    }

    public int port() {
        return app.port();
    }

    /** {@code https} when the endpoint serves TLS, else {@code http}. */
    public String scheme() {
        return tls ? "https" : "http";
    }

    @Override
    public void close() {
        app.stop();
    }
}
