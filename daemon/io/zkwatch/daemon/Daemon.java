package io.zkwatch.daemon;

import io.micrometer.core.instrument.Gauge;
import io.zkwatch.daemon.config.ConfigError;
import io.zkwatch.daemon.config.ConfigSource;
import io.zkwatch.daemon.config.EnsembleConfig;
import io.zkwatch.daemon.config.ReloadResult;
import io.zkwatch.daemon.config.ZkwatchConfig;
import io.zkwatch.daemon.config.FindingThresholds;
import io.zkwatch.daemon.export.FindingRedaction;
import io.zkwatch.daemon.export.FindingsExporter;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.export.RedactionRule;
import io.zkwatch.daemon.export.SnapshotExporter;
import io.zkwatch.daemon.findings.FindingsEngine;
import io.zkwatch.daemon.http.ApiHandlers;
import io.zkwatch.daemon.http.FindingsRoute;
import io.zkwatch.daemon.http.HttpServer;
import io.zkwatch.daemon.poll.CollectorSet;
import io.zkwatch.daemon.poll.EnsemblePoller;
import io.zkwatch.daemon.poll.TransportFactory;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.web.WebUi;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running product: pollers for every configured ensemble, the snapshot store, the exporter and the HTTP
 * server, started and stopped as one. Lifecycle: LATENT, STARTED, CLOSED; {@link #close()} is idempotent.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("zkwatch");
    private static final int MAX_POLL_THREADS = 512;
    private static final LabelPolicy HIDE_ALL = LabelPolicy.of(RedactionRule.drop(), RedactionRule.drop());

    private enum State { LATENT, STARTED, CLOSED }

    private final ConfigSource configSource;
    private final Clock clock;
    private final RandomGenerator random;
    private final SnapshotStore store = new SnapshotStore();
    private final MetricsRegistry metrics;
    private final ScheduledExecutorService scheduler;
    private final ThreadPoolExecutor workers;
    private final Map<String, EnsemblePoller> pollers = new ConcurrentHashMap<>();
    private final Map<String, EnsembleConfig> running = new ConcurrentHashMap<>();
    private final Map<String, LabelPolicy> policies = new ConcurrentHashMap<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final FindingsEngine findings;
    private volatile HttpServer http;

    public Daemon(ConfigSource configSource, Clock clock, RandomGenerator random) {
        this.configSource = configSource;
        this.clock = clock;
        this.random = random;
        this.metrics = MetricsRegistry.create(io.micrometer.core.instrument.Clock.SYSTEM);
        this.scheduler = new ScheduledThreadPoolExecutor(1, named("zkwatch-scheduler"));
        // A hand-off queue, so the pool grows with the polls in flight: each member has at most one cheap poll and
        // each ensemble one dump running, and a member that does not answer holds its thread for a whole timeout.
        // With a queue in front, polls of healthy members would wait behind those (a bounded queue only grows
        // the pool once it is full). Past MAX_POLL_THREADS a poll is refused, and that member skips a beat.
        this.workers = new ThreadPoolExecutor(4, MAX_POLL_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("zkwatch-poll"));
        this.findings = FindingsEngine.create(store, name -> running.containsKey(name)
                ? running.get(name).findings() : FindingThresholds.defaults(), clock,
                (ensemble, finding) -> FindingRedaction.apply(labels(ensemble), finding));
    }

    /** Starts polling and serving; {@code listenOverride} replaces the configured listen address (tests, demo). */
    public void start(InetSocketAddress listenOverride) {
        start(listenOverride, HttpServer.Protection.open());
    }

    /**
     * Starts polling and serving with the endpoint protected as {@code protection} says.
     *
     * @param listenOverride null to use the configured listen address
     */
    public void start(InetSocketAddress listenOverride, HttpServer.Protection protection) {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("already started or closed");
        }
        ZkwatchConfig config = configSource.current();
        config.ensembles().forEach(this::startEnsemble);
        Gauge.builder("zkwatch.config.last.reload.successful", configSource, s -> s.lastReloadSuccessful() ? 1 : 0)
                .description("1 if the last configuration reload succeeded (or none was asked), 0 if it was "
                        + "rejected and the previous configuration is still in use")
                .register(metrics.meters());
        Gauge.builder("zkwatch.config.last.reload.success.timestamp.seconds", configSource,
                        s -> s.lastSuccessfulReload().toEpochMilli() / 1000.0)
                .description("When the configuration in use was loaded")
                .register(metrics.meters());
        SnapshotExporter exporter = new SnapshotExporter(store,
                name -> running.containsKey(name) ? running.get(name).settings().topN() : 50,
                this::labels, clock);
        metrics.register(exporter);
        metrics.register(new FindingsExporter(findings::latest, this::labels));
        findings.start(evaluationInterval(config));
        InetSocketAddress listen = listenOverride != null ? listenOverride
                : new InetSocketAddress(config.listen().host(), config.listen().port());
        http = HttpServer.start(listen, protection, metrics, new ApiHandlers(store, this::labels, clock,
                        List.of(new FindingsRoute(findings::latest, this::labels).route(),
                                new ApiHandlers.ExtraRoute("/", WebUi.page(store, clock)))),
                this::ready, this::reload);
        LOG.info("zkwatch listening on {}://{}:{}/ for {} ensemble(s): {}", http.scheme(), listen.getHostString(),
                http.port(), config.ensembles().size(), config.ensembleNames());
        if (!protection.web().basicAuthUsers().isEmpty() && protection.web().tls().isEmpty()) {
            LOG.warn("basic auth is on without TLS: passwords cross the network in clear; add tls_server_config");
        }
    }

    /**
     * How often the detectors run: the shortest poll interval, between 1 s and 10 s. Each run that finds a changed
     * snapshot adds one frame of history, so this also bounds the history's size.
     */
    static Duration evaluationInterval(ZkwatchConfig config) {
        Duration shortest = config.ensembles().stream().map(e -> e.settings().pollInterval())
                .min(Duration::compareTo).orElse(Duration.ofSeconds(10));
        Duration floor = Duration.ofSeconds(1);
        Duration ceiling = Duration.ofSeconds(10);
        return shortest.compareTo(floor) < 0 ? floor : shortest.compareTo(ceiling) > 0 ? ceiling : shortest;
    }

    /** The detectors' last results, by ensemble. */
    public FindingsEngine findings() {
        return findings;
    }

    /**
     * The label policy of an ensemble, built once per (re)start of its poller. An ensemble without one (being
     * restarted by a reload) shows no path and no client host, rather than possibly the wrong ones.
     */
    private LabelPolicy labels(String ensemble) {
        LabelPolicy p = policies.get(ensemble);
        return p != null ? p : HIDE_ALL;
    }

    private static LabelPolicy policyFor(EnsembleConfig e) {
        try {
            return LabelPolicy.from(e.settings().redaction());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException("ensembles." + e.name()
                    + ": an HMAC key file cannot be read: " + ex.getMessage(), ex);
        }
    }

    private void startEnsemble(EnsembleConfig e) {
        policies.put(e.name(), policyFor(e));
        EnsemblePoller poller = new EnsemblePoller(e.name(),
                e.addresses(), e.settings(), new TransportFactory(e),
                CollectorSet.standard(e.settings().topN(), e.settings().pathPrefixDepth(),
                        e.settings().redaction().hidesAnything()),
                store, scheduler, workers,
                metrics.meters(), clock, random);
        pollers.put(e.name(), poller);
        running.put(e.name(), e);
        poller.start();
    }

    private void stopEnsemble(String name) {
        EnsemblePoller p = pollers.remove(name);
        running.remove(name);
        if (p != null) {
            p.close();
        }
    }

    /** True once every ensemble has completed its first poll of every member. */
    public boolean ready() {
        return state.get() == State.STARTED && !pollers.isEmpty()
                && pollers.values().stream().allMatch(EnsemblePoller::polledOnce);
    }

    /** Re-reads the configuration file; on success applies the change, on failure keeps the running one. */
    public synchronized HttpServer.ReloadResult reload() {
        ReloadResult r = configSource.reload();
        if (r instanceof ReloadResult.Rejected rejected) {
            List<String> errors = rejected.errors().stream().map(ConfigError::toString).toList();
            LOG.error("configuration reload rejected, keeping the running configuration: {}", errors);
            return new HttpServer.ReloadResult(false, errors);
        }
        var change = ((ReloadResult.Applied) r).change();
        change.removed().forEach(this::stopEnsemble);
        for (String name : change.changed()) {
            stopEnsemble(name);
            change.current().ensemble(name).ifPresent(this::startEnsemble);
        }
        change.added().forEach(name -> change.current().ensemble(name).ifPresent(this::startEnsemble));
        if (change.listenChanged()) {
            LOG.warn("the listen address changed in the configuration; it takes effect at the next restart");
        }
        LOG.info("configuration reloaded: {}", change.summary());
        return new HttpServer.ReloadResult(true, List.of());
    }

    public int port() {
        return http.port();
    }

    public SnapshotStore store() {
        return store;
    }

    /**
     * Stops everything and returns once the poll threads have ended (at most a few seconds). Interrupting the poll
     * threads cancels the calls in flight: their sockets belong to channels, which an interrupt closes, so a
     * blocked connect, handshake or read ends at once instead of at its deadline, and each call deletes its
     * spool file on the way out.
     */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        pollers.keySet().forEach(this::stopEnsemble);
        scheduler.shutdownNow();
        workers.shutdownNow();
        findings.close();
        if (http != null) {
            http.close();
        }
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("some polls did not stop within 5 s of being cancelled; exiting without them");
            }
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
