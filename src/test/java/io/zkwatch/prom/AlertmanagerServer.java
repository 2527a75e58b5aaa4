package io.zkwatch.prom;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager} package) started as a child process for a test.
 * Every alert is routed, ungrouped ({@code group_by: ['...']}), to one webhook with waits of a second, so that
 * a test sees each alert on its own soon after Prometheus sends it. Clustering is off and storage lives in the
 * given directory, so two tests never share state or ports.
 */
public final class AlertmanagerServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private AlertmanagerServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(binary());
    }

    static Path binary() {
        String override = System.getenv("ALERTMANAGER");
        return Path.of(override != null ? override : "/usr/bin/prometheus-alertmanager");
    }

    /** The routing configuration: everything to {@code webhook}, one notification per alert, resolved ones too. */
    static String config(URI webhook) {
        return "route:\n"
                + "  receiver: webhook\n"
                + "  group_by: ['...']\n"
                + "  group_wait: 1s\n"
                + "  group_interval: 1s\n"
                + "  repeat_interval: 1h\n"
                + "receivers:\n"
                + "  - name: webhook\n"
                + "    webhook_configs:\n"
                + "      - url: '" + webhook + "'\n"
                + "        send_resolved: true\n";
    }

    /** Starts an Alertmanager that sends every notification to {@code webhook}; waits until it is ready. */
    public static AlertmanagerServer start(Path dir, URI webhook) throws IOException {
        Files.createDirectories(dir);
        int port = PrometheusServer.freePort();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, config(webhook));
        List<String> cmd = List.of(binary().toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        AlertmanagerServer server = new AlertmanagerServer(p, port, dir);
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code host:port}, as Prometheus's {@code alertmanagers.static_configs} want it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public URI baseUri() {
        return URI.create("http://" + address());
    }

    public Path log() {
        return dir.resolve("alertmanager.log");
    }

    private void awaitReady(Duration timeout) throws IOException {
        ChildProcess.awaitReady("alertmanager", process, baseUri().resolve("/-/ready"), log(), timeout);
    }

    @Override
    public void close() {
        ChildProcess.stop(process);
    }
}
