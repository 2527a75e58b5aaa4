package io.zkwatch.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code zkwatch} program ({@link Main}) in a child JVM with the test classpath, its output in a log file:
 * what an operator runs, signals included. {@link #close()} kills it if a test left it running.
 */
public final class ZkwatchProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ZkwatchProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Writes {@code ensemblesYaml} (the {@code ensembles:} block and anything after it) behind a {@code listen:}
     * line on a free port into {@code dir/zkwatch.yaml} and starts zkwatch on it with a small heap.
     */
    public static ZkwatchProcess start(Path dir, String ensemblesYaml, String... jvmOptions) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        Path config = dir.resolve("zkwatch.yaml");
        Files.writeString(config, "listen: 127.0.0.1:" + port + "\n" + ensemblesYaml);
        Path log = dir.resolve("zkwatch.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config", config.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ZkwatchProcess(p, log, port);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET; empty while the process does not answer (not listening yet, or gone). */
    public Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Polls {@code path} until a 200 answer's body satisfies {@code accept}; fails with the log otherwise. */
    public String await(String path, Predicate<String> accept, Duration timeout, String what)
            throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        String last = "(no answer)";
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new AssertionError("zkwatch exited with " + process.exitValue() + " while waiting for "
                        + what + "; its log:\n" + log());
            }
            Optional<HttpResponse<String>> r = get(path);
            if (r.isPresent()) {
                last = r.get().statusCode() + " " + r.get().body();
                if (r.get().statusCode() == 200 && accept.test(r.get().body())) {
                    return r.get().body();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("within " + timeout + ", " + path + " never showed " + what + ". Last answer:\n"
                + last + "\nzkwatch log:\n" + log());
    }

    /** Sends a signal ({@code TERM}, {@code HUP}, ...) with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the exit; empty if it is still running after {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
