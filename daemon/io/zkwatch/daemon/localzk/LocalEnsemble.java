package io.zkwatch.daemon.localzk;

import io.zkwatch.daemon.localzk.LocalServer.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A standalone ZooKeeper server (size 1) or an N-member quorum on 127.0.0.1, every member a child JVM with
 * its own free client, quorum, election, admin (and secure) ports.
 *
 * <p>Quorum members get {@code reconfigEnabled=true} and a dynamic membership file
 * ({@link LocalServer#dynamicConfigFile()}) whose lines carry each member's client address, so {@code conf}
 * lists the membership and reconfig tests are possible. {@link #close()} kills every child and waits for it;
 * each child also dies with this JVM (shutdown hook) or, should this JVM be killed outright, by itself
 * ({@link ParentWatchdog}).
 */
public final class LocalEnsemble implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    private enum State { LATENT, STARTED, CLOSED }

    private final ServerSettings settings;
    private final int size;
    private final Path root;
    private final boolean deleteOnClose;
    private final Duration startTimeout;
    private State state = State.LATENT;
    private List<LocalServer> servers = List.of();

    private LocalEnsemble(ServerSettings settings, int size, Path root, boolean deleteOnClose, Duration startTimeout) {
        this.settings = settings;
        this.size = size;
        this.root = root;
        this.deleteOnClose = deleteOnClose;
        this.startTimeout = startTimeout;
    }

    public static Builder builder(String version) {
        return new Builder(Objects.requireNonNull(version, "version"));
    }

    /**
     * Starts every member and waits until all serve and one leader exists. A start that fails because
     * another process took a port meanwhile is retried on fresh ports, up to three times.
     */
    public synchronized LocalEnsemble start() {
        if (state != State.LATENT) {
            throw new IllegalStateException("ensemble is " + state);
        }
        for (int attempt = 1; ; attempt++) {
            servers = createServers();
            try {
                servers.forEach(LocalServer::start);
                awaitReady();
                state = State.STARTED;
                return this;
            } catch (RuntimeException e) {
                boolean clash = servers.stream().anyMatch(LocalServer::failedToBind);
                closeServers();
                if (!clash || attempt == START_ATTEMPTS) {
                    throw clash ? new LocalZkException("ports kept clashing after " + attempt + " attempts", e) : e;
                }
            }
        }
    }

    public String version() {
        return settings.distribution().version();
    }

    /** The members in id order (ids start at 1). */
    public synchronized List<LocalServer> servers() {
        if (servers.isEmpty()) {
            throw new IllegalStateException("ensemble not started");
        }
        return servers;
    }

    public LocalServer server(int id) {
        return servers().stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server with id " + id));
    }

    /**
     * The one member that reports {@code leader} (or {@code standalone}) now. Members that are dead or do
     * not answer are skipped.
     *
     * @throws LocalZkException if there is no leader or more than one
     */
    public LocalServer leader() {
        Map<LocalServer, Mode> modes = modes();
        List<LocalServer> leaders = modes.entrySet().stream()
                .filter(e -> e.getValue() == Mode.LEADER || e.getValue() == Mode.STANDALONE)
                .map(Map.Entry::getKey).toList();
        if (leaders.size() != 1) {
            throw new LocalZkException("expected one leader, found " + leaders.size() + ": " + modes);
        }
        return leaders.get(0);
    }

    /** The members that report {@code follower} now. */
    public List<LocalServer> followers() {
        return modes().entrySet().stream().filter(e -> e.getValue() == Mode.FOLLOWER)
                .map(Map.Entry::getKey).toList();
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,...}: plain client ports, or secure ones on a secure-only ensemble. */
    public String connectString() {
        return servers().stream().map(LocalServer::connectString).collect(Collectors.joining(","));
    }

    /** The ensemble's directory: one {@code zk<id>} directory per member. */
    public Path directory() {
        return root;
    }

    /** Kills every member and waits for each; deletes the directory if it was a temporary one. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            closeServers();
        } finally {
            if (deleteOnClose) {
                deleteRecursively(root);
            }
        }
    }

    private Map<LocalServer, Mode> modes() {
        Map<LocalServer, Mode> modes = new LinkedHashMap<>();
        for (LocalServer s : servers()) {
            if (s.isAlive()) {
                try {
                    modes.put(s, s.mode());
                } catch (LocalZkException notAnswering) {
                    // Paused, electing or dying: it is neither leader nor follower right now.
                }
            }
        }
        return modes;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        for (LocalServer s : servers) {
            s.awaitServing(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        while (true) {
            try {
                leader();
                return;
            } catch (LocalZkException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private List<LocalServer> createServers() {
        boolean quorum = size > 1;
        boolean tls = settings.tls().isPresent();
        int perServer = 1 + (settings.plainClientPort() ? 1 : 0) + (tls ? 1 : 0) + (quorum ? 2 : 0);
        int[] free = PortAllocator.allocate(perServer * size);
        List<Ports> ports = new ArrayList<>();
        for (int i = 0, k = 0; i < size; i++) {
            OptionalInt client = settings.plainClientPort() ? OptionalInt.of(free[k++]) : OptionalInt.empty();
            OptionalInt secure = tls ? OptionalInt.of(free[k++]) : OptionalInt.empty();
            int admin = free[k++];
            OptionalInt q = quorum ? OptionalInt.of(free[k++]) : OptionalInt.empty();
            OptionalInt e = quorum ? OptionalInt.of(free[k++]) : OptionalInt.empty();
            ports.add(new Ports(client, secure, admin, q, e));
        }
        List<String> membership = new ArrayList<>();
        for (int i = 0; quorum && i < size; i++) {
            membership.add(ZooCfg.membershipLine(i + 1, ports.get(i), settings.staticClientPorts()));
        }
        try {
            Path launcher = ServerProcess.installWatchdog(root.resolve("launcher"));
            List<LocalServer> created = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Path dir = root.resolve("zk" + (i + 1));
                deleteRecursively(dir);
                Files.createDirectories(dir);
                created.add(new LocalServer(i + 1, dir, ports.get(i), settings, membership, launcher));
            }
            return List.copyOf(created);
        } catch (IOException e) {
            throw new LocalZkException("cannot prepare " + root + ": " + e, e);
        }
    }

    private void closeServers() {
        RuntimeException first = null;
        for (LocalServer s : servers) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new LocalZkException("cannot delete " + dir + ": " + e, e);
        }
    }

    /** Settings for an ensemble. Defaults: one member, whitelist {@code *}, plain ports, tickTime 2 s. */
    public static final class Builder {
        private final String version;
        private ZkDistribution.Resolver resolver = ZkDistribution.resolver();
        private int size = 1;
        private Optional<Path> workDirectory = Optional.empty();
        private String whitelist = "*";
        private Optional<TlsOptions> tls = Optional.empty();
        private boolean plainClientPort = true;
        private boolean staticClientPorts;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> configEntries = new LinkedHashMap<>();
        private final List<Path> classpath = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Duration tickTime = Duration.ofSeconds(2);
        private Duration startTimeout = Duration.ofSeconds(90);
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");

        private Builder(String version) {
            this.version = version;
        }

        /** 1 for a standalone server, 3 or more for a quorum. */
        public Builder size(int members) {
            if (members < 1) {
                throw new IllegalArgumentException("size must be at least 1");
            }
            this.size = members;
            return this;
        }

        /** How the server classpath is resolved (cache root, Maven executable). */
        public Builder resolver(ZkDistribution.Resolver r) {
            this.resolver = Objects.requireNonNull(r, "resolver");
            return this;
        }

        /**
         * Puts the ensemble in a new unique directory under {@code dir} and keeps it after close, logs
         * included. Without this, a temporary directory is used and deleted on close.
         */
        public Builder workDirectory(Path dir) {
            this.workDirectory = Optional.of(dir.toAbsolutePath());
            return this;
        }

        /** {@code 4lw.commands.whitelist}, for example {@code *} or {@code srvr,ruok}. */
        public Builder whitelist(String commands) {
            this.whitelist = Objects.requireNonNull(commands, "commands");
            return this;
        }

        /** Adds a secure client port (Netty) and, as the options say, an HTTPS AdminServer. */
        public Builder tls(TlsOptions options) {
            this.tls = Optional.of(options);
            return this;
        }

        /** No plain client port at all: clients and probes must use TLS. Needs {@link #tls(TlsOptions)}. */
        public Builder secureOnly() {
            this.plainClientPort = false;
            return this;
        }

        /**
         * Quorum members take their client port from {@code clientPort} in {@code zoo.cfg}, and the membership
         * lines carry none, as in configurations written before dynamic reconfiguration (3.4 style): {@code conf}
         * then lists the membership without client addresses.
         */
        public Builder staticClientPorts() {
            this.staticClientPorts = true;
            return this;
        }

        /** A {@code -D} option of every server JVM, for example {@code zookeeper.watchManagerName}. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** An extra {@code zoo.cfg} line; it overrides the harness's own value for the same key. */
        public Builder configEntry(String key, String value) {
            configEntries.put(key, value);
            return this;
        }

        /** A jar or class directory appended to every server's classpath, for example a custom watch manager. */
        public Builder classpathEntry(Path entry) {
            classpath.add(entry);
            return this;
        }

        /** A JVM option after the harness's defaults, so it wins (for example {@code -Xmx256m}). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Builder tickTime(Duration tick) {
            this.tickTime = tick;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** The {@code java} that runs the servers; defaults to this JVM's. */
        public Builder javaExecutable(Path java) {
            this.javaExecutable = java;
            return this;
        }

        /** Resolves the distribution (may run Maven) and prepares the directory; starts nothing. */
        public LocalEnsemble build() {
            tls.ifPresent(t -> ZooCfg.requireAdminTls(t.admin(), ZkVersion.parse(version)));
            ZkDistribution distribution = resolver.resolve(version);
            ServerSettings settings = new ServerSettings(distribution, whitelist, tls, plainClientPort,
                    systemProperties, configEntries, classpath, jvmOptions, Math.toIntExact(tickTime.toMillis()),
                    javaExecutable, staticClientPorts);
            try {
                Path root = workDirectory.isPresent()
                        ? Files.createTempDirectory(Files.createDirectories(workDirectory.get()),
                                version + "-" + size + "n-")
                        : Files.createTempDirectory("zkwatch-zk-" + version + "-");
                return new LocalEnsemble(settings, size, root, workDirectory.isEmpty(), startTimeout);
            } catch (IOException e) {
                throw new LocalZkException("cannot create the ensemble directory: " + e, e);
            }
        }

        /** {@code build().start()}. */
        public LocalEnsemble start() {
            LocalEnsemble ensemble = build();
            try {
                return ensemble.start();
            } catch (RuntimeException e) {
                ensemble.close();
                throw e;
            }
        }
    }
}
