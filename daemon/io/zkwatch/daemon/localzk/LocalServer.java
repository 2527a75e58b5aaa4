package io.zkwatch.daemon.localzk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * One real ZooKeeper server in a child JVM ({@code QuorumPeerMain zoo.cfg}), standalone or a quorum member,
 * listening on loopback only. Created by {@link LocalEnsemble}.
 *
 * <p>{@link #start()} and {@link #restart()} only launch; {@link #awaitServing(Duration)} waits until the
 * server answers {@code srvr} with a {@code Mode:} line. The faults a monitor must survive are real here:
 * {@link #kill()} is SIGKILL (the port refuses), {@link #pause()} is SIGSTOP (the port accepts but never
 * answers). The configuration and data survive {@link #restart()}, which reuses the same ports.
 */
public final class LocalServer implements AutoCloseable {

    /** The {@code Mode:} a server reports in {@code srvr}. */
    public enum Mode {
        STANDALONE, LEADER, FOLLOWER, OBSERVER, READ_ONLY;

        static Mode parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private enum State { NEW, RUNNING, PAUSED, STOPPED, CLOSED }

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEATH_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int id;
    private final Path directory;
    private final Ports ports;
    private final ServerSettings settings;
    private final List<String> membership;
    private final Path launcherDirectory;

    private State state = State.NEW;
    private volatile ServerProcess process;
    /** Where the current run's output starts in the appended log. */
    private volatile long logOffset;
    private String loggingOption = "";
    private Thread shutdownHook;
    private SSLContext probeTls;

    LocalServer(int id, Path directory, Ports ports, ServerSettings settings, List<String> membership,
                Path launcherDirectory) {
        this.id = id;
        this.directory = directory.toAbsolutePath();
        this.ports = ports;
        this.settings = settings;
        this.membership = List.copyOf(membership);
        this.launcherDirectory = launcherDirectory;
    }

    /** Writes the configuration on first use and launches the JVM; does not wait for it to serve. */
    public synchronized LocalServer start() {
        if (state == State.CLOSED || state == State.RUNNING || state == State.PAUSED) {
            throw new IllegalStateException(this + " cannot start: it is " + state);
        }
        try {
            if (state == State.NEW) {
                writeConfiguration();
            }
            List<String> command = settings.command(launcherDirectory, loggingOption, configFile());
            Files.writeString(directory.resolve("command.txt"), String.join("\n", command) + "\n");
            logOffset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
            process = ServerProcess.launch(command, directory, logFile());
        } catch (IOException e) {
            throw new LocalZkException("cannot launch " + this + ": " + e, e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::killForShutdown, "zkwatch-localzk-kill-" + id);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        state = State.RUNNING;
        return this;
    }

    /**
     * Polls {@code srvr} until the server reports a mode and its AdminServer accepts connections.
     *
     * @throws LocalZkException if the process dies or the deadline passes; the message has the log's tail
     */
    public Mode awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "none";
        while (true) {
            ServerProcess p = process;
            if (p == null) {
                throw new IllegalStateException(this + " was never started");
            }
            if (!p.isAlive()) {
                throw new LocalZkException(this + " exited with code " + p.exitCode().orElse(-1)
                        + " before serving\n" + logTail(60));
            }
            if (failedToBind()) {
                throw new LocalZkException(this + " could not bind one of its ports\n" + logTail(60));
            }
            try {
                byte[] reply = probe("srvr", Duration.ofMillis(Math.min(1500, Math.max(200, remainingMillis(deadline)))));
                Optional<String> mode = FourLetterWords.mode(reply);
                if (mode.isPresent() && adminAccepts()) {
                    return Mode.parse(mode.get());
                }
                last = mode.isPresent() ? "AdminServer not accepting" : new String(reply, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LocalZkException(this + " did not serve within " + timeout + "; last probe: " + last
                        + "\n" + logTail(60));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Asks the server now. @throws LocalZkException if it does not answer with a mode */
    public Mode mode() {
        try {
            byte[] reply = probe("srvr", PROBE_TIMEOUT);
            return Mode.parse(FourLetterWords.mode(reply).orElseThrow(() -> new LocalZkException(
                    this + " is not serving: " + new String(reply, StandardCharsets.UTF_8).strip())));
        } catch (IOException e) {
            throw new LocalZkException(this + " did not answer srvr: " + e, e);
        }
    }

    /**
     * Sends a four-letter word to the plain client port (over TLS with the probe key when the server is
     * secure-only) and returns the raw reply.
     */
    public byte[] fourLetterWord(String word, Duration timeout) throws IOException {
        return probe(word, timeout);
    }

    /** SIGKILL and wait until the process is gone: from then on its ports refuse connections. */
    public synchronized void kill() {
        requireStarted();
        if (state == State.RUNNING || state == State.PAUSED) {
            process.killAndWait(DEATH_TIMEOUT);
            state = State.STOPPED;
        }
    }

    /** SIGSTOP: the kernel still accepts connections, the server never answers them. */
    public synchronized void pause() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(this + " cannot pause: it is " + state);
        }
        process.signal("STOP", PROBE_TIMEOUT);
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (process.state() != 'T' && process.state() != '?' && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        state = State.PAUSED;
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        if (state != State.PAUSED) {
            throw new IllegalStateException(this + " cannot resume: it is " + state);
        }
        process.signal("CONT", PROBE_TIMEOUT);
        state = State.RUNNING;
    }

    /** Kills the process if it runs, then launches it again on the same ports and data. Does not wait. */
    public synchronized LocalServer restart() {
        requireStarted();
        if (state == State.RUNNING || state == State.PAUSED) {
            process.killAndWait(DEATH_TIMEOUT);
        }
        state = State.STOPPED;
        return start();
    }

    /** The operating-system pid of the running child. */
    public synchronized long pid() {
        if (state != State.RUNNING && state != State.PAUSED) {
            throw new IllegalStateException(this + " has no process: it is " + state);
        }
        return process.pid();
    }

    public boolean isAlive() {
        ServerProcess p = process;
        return p != null && p.isAlive();
    }

    /** Kills the child (if any) and waits for it. Idempotent. Keeps the directory and its log. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (process != null) {
            process.killAndWait(DEATH_TIMEOUT);
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and the hook is running or about to: nothing left to undo.
            }
        }
        state = State.CLOSED;
    }

    public int id() {
        return id;
    }

    public String version() {
        return settings.distribution().version();
    }

    public String host() {
        return ZooCfg.HOST;
    }

    /** {@code host:port} of the plain client port, or of the secure one on a secure-only server. */
    public String connectString() {
        return ZooCfg.HOST + ":" + ports.probePort();
    }

    public boolean hasClientPort() {
        return ports.client().isPresent();
    }

    /** @throws IllegalStateException on a secure-only server */
    public int clientPort() {
        return ports.client().orElseThrow(() -> new IllegalStateException(this + " is secure-only"));
    }

    public boolean hasSecurePort() {
        return ports.secure().isPresent();
    }

    /** @throws IllegalStateException when TLS is not configured */
    public int securePort() {
        return ports.secure().orElseThrow(() -> new IllegalStateException(this + " has no secure client port"));
    }

    public int adminPort() {
        return ports.admin();
    }

    /** @throws IllegalStateException on a standalone server */
    public int quorumPort() {
        return ports.quorum().orElseThrow(() -> new IllegalStateException(this + " is standalone"));
    }

    /** @throws IllegalStateException on a standalone server */
    public int electionPort() {
        return ports.election().orElseThrow(() -> new IllegalStateException(this + " is standalone"));
    }

    /** {@code http(s)://127.0.0.1:<admin>/commands/<command>}; HTTPS when the AdminServer is HTTPS-only. */
    public URI adminUri(String command) {
        boolean https = settings.tls().map(t -> t.admin() == TlsOptions.AdminTransport.HTTPS).orElse(false);
        return URI.create((https ? "https" : "http") + "://" + ZooCfg.HOST + ":" + ports.admin() + "/commands/" + command);
    }

    public Path directory() {
        return directory;
    }

    public Path configFile() {
        return directory.resolve("zoo.cfg");
    }

    /** Standard output and error of every run of this server, appended. */
    public Path logFile() {
        return directory.resolve("zookeeper.log");
    }

    /**
     * The dynamic membership file that {@code zoo.cfg} currently names. ZooKeeper renames it after an
     * election or a reconfig, so this reads the static file each time. Empty for a standalone server.
     */
    public Optional<Path> dynamicConfigFile() {
        try {
            return Files.readAllLines(configFile(), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("dynamicConfigFile="))
                    .map(l -> Path.of(l.substring("dynamicConfigFile=".length()).strip()))
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of {@link #logFile()}, for failure messages. */
    public String logTail(int lines) {
        return LogTail.of(logFile(), lines);
    }

    @Override
    public String toString() {
        return "zk" + id + "[" + version() + " " + connectString() + "]";
    }

    /**
     * True when the current run could not bind a port (another process took it after it was found free).
     * ZooKeeper then exits, or carries on without its AdminServer; either way this run is useless.
     */
    boolean failedToBind() {
        return LogTail.contains(logFile(), "Address already in use", logOffset);
    }

    private void requireStarted() {
        if (state == State.NEW || state == State.CLOSED) {
            throw new IllegalStateException(this + " is " + state);
        }
    }

    private void writeConfiguration() throws IOException {
        boolean quorum = !membership.isEmpty();
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        if (quorum) {
            Files.writeString(data.resolve("myid"), id + "\n");
            Files.writeString(directory.resolve(ZooCfg.DYNAMIC_FILE), ZooCfg.dynamic(membership));
        }
        Files.writeString(configFile(), ZooCfg.render(directory, ports, settings, quorum));
        loggingOption = settings.distribution().line().logging().configure(directory);
    }

    private byte[] probe(String word, Duration timeout) throws IOException {
        Optional<SSLContext> tls = ports.probeNeedsTls() ? Optional.of(probeTls()) : Optional.empty();
        return FourLetterWords.send(ZooCfg.HOST, ports.probePort(), word, tls, timeout);
    }

    private synchronized SSLContext probeTls() {
        if (probeTls == null) {
            probeTls = settings.tls().orElseThrow().probeContext();
        }
        return probeTls;
    }

    private boolean adminAccepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ZooCfg.HOST, ports.admin()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void killForShutdown() {
        ServerProcess p = process;
        if (p != null) {
            p.killNow();
        }
    }

    private static long remainingMillis(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000;
    }
}
