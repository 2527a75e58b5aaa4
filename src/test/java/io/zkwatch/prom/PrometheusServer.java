package io.zkwatch.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian's {@code prometheus} package) started as a child process for a test: it scrapes the
 * given targets at a short interval, optionally loads rule files and sends alerts to an Alertmanager.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(binary());
    }

    static Path binary() {
        String override = System.getenv("PROMETHEUS");
        return Path.of(override != null ? override : "/usr/bin/prometheus");
    }

    /**
     * Starts Prometheus scraping {@code targets} (host:port) under job {@code zkwatch} every second.
     *
     * @param ruleFiles rule files to load (may be empty)
     * @param alertmanager host:port of an Alertmanager, or null
     * @param extraScrapeConfig YAML appended under the scrape config (e.g. sample_limit), or empty
     */
    public static PrometheusServer start(Path dir, List<String> targets, List<Path> ruleFiles, String alertmanager,
                                         String extraScrapeConfig) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        StringBuilder cfg = new StringBuilder();
        cfg.append("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
        if (!ruleFiles.isEmpty()) {
            cfg.append("rule_files:\n");
            for (Path r : ruleFiles) {
                cfg.append("  - ").append(quote(r.toAbsolutePath().toString())).append('\n');
            }
        }
        if (alertmanager != null) {
            cfg.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [")
                    .append(quote(alertmanager)).append("]\n");
        }
        cfg.append("scrape_configs:\n  - job_name: zkwatch\n    scrape_interval: 1s\n    scrape_timeout: 1s\n");
        if (!extraScrapeConfig.isEmpty()) {
            cfg.append(extraScrapeConfig.indent(4));
        }
        cfg.append("    static_configs:\n      - targets: [");
        for (int i = 0; i < targets.size(); i++) {
            cfg.append(i > 0 ? ", " : "").append(quote(targets.get(i)));
        }
        cfg.append("]\n");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, cfg);
        List<String> cmd = List.of(binary().toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                "--log.level=warn");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(p, port, dir);
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return dir.resolve("prometheus.log");
    }

    private void awaitReady(Duration timeout) throws IOException {
        ChildProcess.awaitReady("prometheus", process, baseUri().resolve("/-/ready"), log(), timeout);
    }

    /** Runs an instant query and returns the {@code data.result} array. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        String q = URLEncoder.encode(promql, StandardCharsets.UTF_8);
        JsonNode body = get("/api/v1/query?query=" + q);
        if (!"success".equals(body.path("status").asText())) {
            throw new IOException("query failed: " + promql + " -> " + body);
        }
        return body.path("data").path("result");
    }

    /** Asks Prometheus to parse an expression without running it; returns the error text, or empty when valid. */
    public String parseError(String promql) throws IOException, InterruptedException {
        String q = URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/api/v1/query?query=" + q))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        return "bad_data".equals(body.path("errorType").asText()) ? body.path("error").asText() : "";
    }

    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUri().resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The scrape targets with their health and last error. */
    public List<JsonNode> activeTargets() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        get("/api/v1/targets").path("data").path("activeTargets").forEach(out::add);
        return out;
    }

    /** Polls {@code query} until {@code accept} holds for its result, or fails after {@code timeout}. */
    public JsonNode awaitQuery(String promql, Predicate<JsonNode> accept, Duration timeout)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            last = query(promql);
            if (accept.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("query " + promql + " did not satisfy the condition within " + timeout
                + "; last result: " + last);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ChildProcess.stop(process);
    }
}
