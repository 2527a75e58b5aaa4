package io.zkwatch.daemon;

import io.zkwatch.daemon.config.ConfigSource;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A zkwatch daemon in the test JVM, configured by YAML, pointed at real child-JVM ZooKeeper servers. */
public final class DaemonHarness implements AutoCloseable {

    private final Daemon daemon;
    private final Path configFile;
    /**
     * One client for every harness: a JDK 17 HttpClient cannot be closed, and each holds a selector (descriptors and
     * a thread) until it is garbage collected, which would show as a leak in tests that count them.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DaemonHarness(Daemon daemon, Path configFile) {
        this.daemon = daemon;
        this.configFile = configFile;
    }

    /** Short cadences for tests, indented for an ensemble block. */
    static final String CADENCES = """
                poll_interval: 1s
                dump_interval: 2s
                dump_min_interval: 1s
                timeout: 3s
                connect_timeout: 1s
                dump_timeout: 10s
            """;

    /** YAML with one ensemble listing {@code members}, short cadences, and the AdminServer ports of the harness. */
    public static String yaml(String name, List<LocalServer> members, String extraSettings) {
        String list = members.stream().map(s -> "\"127.0.0.1:" + s.clientPort() + "\"")
                .collect(Collectors.joining(", "));
        StringBuilder overrides = new StringBuilder();
        for (LocalServer s : members) {
            overrides.append("      \"127.0.0.1:").append(s.clientPort()).append("\": { admin_url: \"http://127.0.0.1:")
                    .append(s.adminPort()).append("\" }\n");
        }
        return "ensembles:\n"
                + "  - name: " + name + "\n"
                + "    members: [" + list + "]\n"
                + CADENCES
                + extraSettings.indent(4)
                + "    member_overrides:\n" + overrides;
    }

    public static String yaml(String name, LocalEnsemble zk, String extraSettings) {
        return yaml(name, zk.servers(), extraSettings);
    }

    /**
     * One ensemble block (without the {@code ensembles:} header) listing {@code addresses} as they are, with
     * the harness's short cadences and no AdminServer unless {@code extraSettings} configures one.
     */
    public static String ensemble(String name, List<String> addresses, String extraSettings) {
        String list = addresses.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", "));
        return "  - name: " + name + "\n"
                + "    members: [" + list + "]\n"
                + CADENCES
                + (extraSettings.contains("admin:") ? "" : "    admin: { enabled: false }\n")
                + extraSettings.indent(4);
    }

    /** {@code host:port} of a server's plain client port, as zkwatch labels it. */
    public static String address(LocalServer s) {
        return "127.0.0.1:" + s.clientPort();
    }

    public static DaemonHarness start(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("zkwatch.yaml");
        Files.writeString(file, yaml);
        Daemon d = new Daemon(ConfigSource.fromFile(file), Clock.systemUTC(), new Random(42));
        try {
            d.start(new InetSocketAddress("127.0.0.1", 0));
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return new DaemonHarness(d, file);
    }

    public Daemon daemon() {
        return daemon;
    }

    public Path configFile() {
        return configFile;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + daemon.port() + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new IOException("/metrics answered " + r.statusCode());
        }
        return r.body();
    }

    /** Scrapes until {@code accept} holds, for at most {@code timeout}; fails with the last scrape. */
    public String awaitMetrics(Predicate<String> accept, Duration timeout, String what)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(end)) {
            last = metrics();
            if (accept.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("within " + timeout + ", /metrics never showed " + what + ". Last scrape:\n" + last);
    }

    /** Scrapes until {@code accept} holds for the parsed exposition, for at most {@code timeout}. */
    public Exposition await(Predicate<Exposition> accept, Duration timeout, String what)
            throws IOException, InterruptedException {
        return Exposition.parse(awaitMetrics(text -> accept.test(Exposition.parse(text)), timeout, what));
    }

    public Exposition scrape() throws IOException, InterruptedException {
        return Exposition.parse(metrics());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first sample whose line starts with {@code seriesPrefix} (name and labels), or NaN. */
    public static double value(String exposition, String seriesPrefix) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(seriesPrefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        daemon.close();
    }
}
