package io.zkwatch.daemon.demo;

import io.zkwatch.daemon.Daemon;
import io.zkwatch.daemon.Signals;
import io.zkwatch.daemon.config.ConfigSource;
import io.zkwatch.daemon.config.HostPort;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.ZkDistribution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zkwatch demo} (and {@code zkwatch} without arguments): a real 3-member ZooKeeper ensemble on loopback,
 * misbehaving clients in this JVM, each group from its own 127.0.0.x address, and a zkwatch daemon watching it
 * all, so a newcomer sees every metric family populated within a minute without owning an ensemble.
 *
 * <p>The servers are child JVMs ({@link LocalEnsemble}) in a temporary directory that is deleted on
 * {@link #close()}; they also die with this JVM, by shutdown hook or, if it is killed outright, by their own
 * watchdog. Their jars are resolved once with Maven into a cache directory.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    public static final String ZOOKEEPER_VERSION = "3.9.5";
    public static final String ENSEMBLE = "demo";
    public static final int MEMBERS = 3;
    /** Short cadences, so that dump-based series appear within seconds and change visibly. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DUMP_INTERVAL = Duration.ofSeconds(15);
    /** Loopback, unlike the daemon's default: a demo has no business listening on every interface. */
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9663);
    private static final String LISTEN_HINT = "Choose another address with: zkwatch demo --listen 127.0.0.1:PORT";

    /**
     * How to run the demo.
     *
     * @param listen   HTTP address of zkwatch; port 0 picks a free one
     * @param resolver where the ZooKeeper server jars are resolved and cached
     */
    public record Options(InetSocketAddress listen, ZkDistribution.Resolver resolver) {
        public Options {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(resolver, "resolver");
        }

        /** {@code listen} or {@link #DEFAULT_LISTEN}, jars cached in {@link #userCacheRoot()}. */
        public static Options defaults(Optional<HostPort> listen) {
            HostPort hp = listen.orElse(DEFAULT_LISTEN);
            return new Options(new InetSocketAddress(hp.host(), hp.port()),
                    ZkDistribution.resolver().cacheRoot(userCacheRoot()));
        }
    }

    private final Options options;
    /** Everything started so far, closed in reverse order; guarded by itself. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;
    private volatile LocalEnsemble ensemble;
    private volatile DemoLoad load;
    private volatile Daemon daemon;

    private Demo(Options options) {
        this.options = options;
    }

    /**
     * Starts the ensemble, zkwatch and the client load, and returns once all run.
     *
     * @throws io.zkwatch.daemon.localzk.LocalZkException if the ensemble cannot be resolved or started
     * @throws IllegalStateException if zkwatch cannot listen or the load cannot be set up; everything
     *                               started so far is closed first
     */
    public static Demo start(Options options) throws InterruptedException {
        Demo demo = new Demo(options);
        try {
            demo.startAll();
            return demo;
        } catch (RuntimeException | InterruptedException e) {
            demo.close();
            throw e;
        }
    }

    /**
     * The command: starts the demo, prints where to look, and runs until SIGINT or SIGTERM, then stops the
     * clients, zkwatch and the servers in that order. Returns the exit code; only {@code Main} exits.
     */
    public static int run(Optional<HostPort> listen) {
        Demo demo = new Demo(Options.defaults(listen));
        CountDownLatch stopped = new CountDownLatch(1);
        // In order on the first signal; shutdown hooks (the servers' own among them) would all run at once and
        // kill the servers under the clients' feet, which then log a reconnect warning per session.
        Signals.onTerminate(() -> {
            demo.close();
            stopped.countDown();
        });
        // For any other way out, a second Ctrl-C included.
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "zkwatch-demo-shutdown"));
        try {
            demo.startAll();
        } catch (RuntimeException e) {
            if (demo.isClosed()) {
                return 0;
            }
            // The message says what to do; the stack trace is for ZKWATCH_LOG_LEVEL=DEBUG.
            LOG.error("zkwatch demo cannot start: {}", Optional.ofNullable(e.getMessage()).orElse(e.toString()));
            LOG.debug("zkwatch demo cannot start", e);
            demo.close();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            demo.close();
            return 1;
        }
        System.out.println(demo.guide());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void startAll() throws InterruptedException {
        InetSocketAddress listen = options.listen();
        checkListenFree(listen);
        ZkDistribution.Resolver resolver = options.resolver();
        if (resolver.isCached(ZOOKEEPER_VERSION)) {
            LOG.info("demo: ZooKeeper {} server jars from {}", ZOOKEEPER_VERSION, resolver.cacheRoot());
        } else {
            LOG.info("demo: first run: resolving the ZooKeeper {} server jars with Maven into {} (once; this can "
                    + "take a minute while Maven downloads them)", ZOOKEEPER_VERSION, resolver.cacheRoot());
        }
        LocalEnsemble zk = track(LocalEnsemble.builder(ZOOKEEPER_VERSION).resolver(resolver).size(MEMBERS).build());
        LOG.info("demo: starting a {}-member ZooKeeper {} ensemble on 127.0.0.1 in {}", MEMBERS, ZOOKEEPER_VERSION,
                zk.directory());
        zk.start();
        ensemble = zk;
        Path config = writeConfig(zk);
        Daemon d = track(new Daemon(ConfigSource.fromFile(config), Clock.systemUTC(), new Random()));
        try {
            d.start(listen);
        } catch (RuntimeException e) {
            throw new IllegalStateException("zkwatch cannot listen on " + hostAndPort(listen) + " (" + e.getMessage()
                    + "). " + LISTEN_HINT, e);
        }
        daemon = d;
        LOG.info("demo: starting the client load");
        try {
            load = track(DemoLoad.start(zk, List.of(new SkewedAgents(), new ConnectionLeaker(), new JobTracker(),
                    new ConfigWatcherLeak())));
        } catch (KeeperException e) {
            throw new IllegalStateException("the demo's clients cannot set up their znodes: " + e, e);
        }
    }

    /** Fails at once, before Maven and the servers, when something else already holds the listen address. */
    private static void checkListenFree(InetSocketAddress listen) {
        if (listen.getPort() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(listen);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + hostAndPort(listen) + " (" + e.getMessage()
                    + "); is another zkwatch running? " + LISTEN_HINT, e);
        }
    }

    /**
     * zkwatch's configuration for the ensemble, as a user would write it, next to the servers' directories (so
     * it goes with them). Every member is listed with its AdminServer.
     */
    private static Path writeConfig(LocalEnsemble zk) {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by zkwatch demo; deleted when the demo stops.\n")
                .append("ensembles:\n")
                .append("  - name: ").append(ENSEMBLE).append('\n')
                .append("    members: [")
                .append(zk.servers().stream().map(s -> "\"" + DemoLoad.serverLabel(s) + "\"")
                        .collect(Collectors.joining(", ")))
                .append("]\n")
                .append("    poll_interval: ").append(POLL_INTERVAL.toSeconds()).append("s\n")
                .append("    dump_interval: ").append(DUMP_INTERVAL.toSeconds()).append("s\n")
                .append("    dump_min_interval: ").append(POLL_INTERVAL.toSeconds()).append("s\n")
                .append("    member_overrides:\n");
        for (LocalServer s : zk.servers()) {
            yaml.append("      \"").append(DemoLoad.serverLabel(s)).append("\": { admin_url: \"http://127.0.0.1:")
                    .append(s.adminPort()).append("\" }\n");
        }
        Path file = zk.directory().resolve("zkwatch.yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private <T extends AutoCloseable> T track(T part) {
        synchronized (started) {
            if (closed) {
                closeQuietly(part);
                throw new IllegalStateException("the demo is stopping");
            }
            started.push(part);
            return part;
        }
    }

    /** The running ensemble. @throws IllegalStateException before it has started */
    public LocalEnsemble ensemble() {
        return Optional.ofNullable(ensemble).orElseThrow(() -> new IllegalStateException("not started"));
    }

    /** The running daemon. @throws IllegalStateException before it has started */
    public Daemon daemon() {
        return Optional.ofNullable(daemon).orElseThrow(() -> new IllegalStateException("not started"));
    }

    /** A URI of zkwatch's HTTP server, for example {@code uri("/metrics")}. */
    public URI uri(String path) {
        InetSocketAddress listen = options.listen();
        String host = listen.getAddress() != null && listen.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : uriHost(listen.getHostString());
        return URI.create("http://" + host + ":" + daemon().port() + path);
    }

    private static String uriHost(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static String hostAndPort(InetSocketAddress address) {
        return uriHost(address.getHostString()) + ":" + address.getPort();
    }

    /** What the command prints once everything runs: where to look, and what each population does. */
    public String guide() {
        LocalEnsemble zk = ensemble();
        StringBuilder out = new StringBuilder()
                .append('\n')
                .append("zkwatch demo: a ").append(MEMBERS).append("-member ZooKeeper ").append(ZOOKEEPER_VERSION)
                .append(" ensemble (").append(zk.connectString()).append(")\n")
                .append("with misbehaving clients, each group from its own 127.0.0.x address, watched by zkwatch.\n\n")
                .append("  metrics   ").append(uri("/metrics")).append('\n')
                .append("  API       ").append(uri("/api/v1/ensembles/" + ENSEMBLE))
                .append("  (and .../sessions, .../paths, .../clients)\n")
                .append("  web page  ").append(uri("/")).append("  (members, skew chart, top sessions, clients, findings)\n\n")
                .append("What to look for (members polled every ").append(POLL_INTERVAL.toSeconds())
                .append("s, watch dumps every ").append(DUMP_INTERVAL.toSeconds())
                .append("s: every family has samples within a minute):\n");
        Optional.ofNullable(load).ifPresent(l -> l.lookFor().forEach(line -> out.append("  ").append(
                line.replace("\n", "\n  ")).append('\n')));
        return out.append('\n')
                .append("Try:  curl -s ").append(uri("/metrics"))
                .append(" | grep -E '^zookeeper_(connection_share|client_connections|session_watches)'\n")
                .append("Stop with Ctrl-C: the servers stop and their data is deleted.\n")
                .toString();
    }

    /**
     * Stops the load, zkwatch and the ensemble, in that order, and deletes the ensemble's directory. Safe to
     * call from a shutdown hook while {@link #start} is still under way. Idempotent.
     */
    @Override
    public void close() {
        List<AutoCloseable> parts;
        synchronized (started) {
            if (closed) {
                return;
            }
            closed = true;
            parts = List.copyOf(started);
            started.clear();
        }
        if (!parts.isEmpty()) {
            LOG.info("demo: stopping the clients, zkwatch and the servers; deleting the servers' data");
        }
        parts.forEach(Demo::closeQuietly);
        if (!parts.isEmpty()) {
            LOG.info("demo: stopped");
        }
    }

    private boolean isClosed() {
        synchronized (started) {
            return closed;
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("demo: stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
        }
    }

    /**
     * {@code $XDG_CACHE_HOME/zkwatch/zk-dist}, else {@code ~/.cache/zkwatch/zk-dist}: outside the build, so
     * {@code mvn clean} does not cost a newcomer the download again.
     */
    public static Path userCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("zkwatch").resolve("zk-dist");
    }
}
