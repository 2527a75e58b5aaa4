package io.zkwatch.daemon;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration reloads, by {@code POST /-/reload} and by SIGHUP to a real zkwatch process: a good file is applied
 * while the daemon runs, a bad one is refused naming its key and the running configuration stays.
 */
class ReloadTest {

    @RegisterExtension
    static final SharedEnsembles SINGLE = new SharedEnsembles(TestEnsembles::standalone);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELOAD_OK = "zkwatch_config_last_reload_successful";

    @TempDir
    Path dir;

    private static LocalServer zk() {
        return SINGLE.get(ZkVersions.newest()).servers().get(0);
    }

    private static List<String> names(String ensemblesJson) throws IOException {
        List<String> names = new ArrayList<>();
        JSON.readTree(ensemblesJson).forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    @Test
    void postReloadAppliesAChangedFileAndRefusesABadOneNamingTheKey() throws Exception {
        LocalServer zk = zk();
        String one = "ensembles:\n" + DaemonHarness.ensemble("a", List.of(address(zk)), "");
        try (FourLetterProxy proxy = FourLetterProxy.alias(zk.clientPort());
             DaemonHarness d = DaemonHarness.start(dir, one)) {
            d.await(m -> m.has("zkwatch_up", "ensemble", "a"), WAIT, "ensemble a");
            String two = one + DaemonHarness.ensemble("b", List.of(proxy.address()), "");
            Files.writeString(d.configFile(), two);
            HttpResponse<String> applied = d.post("/-/reload");
            assertEquals(200, applied.statusCode(), applied.body());
            assertTrue(JSON.readTree(applied.body()).path("ok").asBoolean());
            Exposition m = d.await(x -> x.value("zkwatch_up", "ensemble", "b").orElse(0) == 1, WAIT,
                    "the new ensemble polled");
            assertEquals(1.0, m.value(RELOAD_OK).orElseThrow());
            assertEquals(List.of("a", "b"), names(d.get("/api/v1/ensembles").body()));

            Files.writeString(d.configFile(), two.replace("  - name: b\n", "  - name: b\n    top_n: 0\n"));
            HttpResponse<String> refused = d.post("/-/reload");
            assertEquals(500, refused.statusCode(), refused.body());
            JsonNode body = JSON.readTree(refused.body());
            assertFalse(body.path("ok").asBoolean());
            assertTrue(body.path("errors").get(0).asText().startsWith("ensembles[1].top_n:"), refused.body());
            m = d.scrape();
            assertEquals(0.0, m.value(RELOAD_OK).orElseThrow(), "the refused reload is visible");
            assertEquals(List.of("a", "b"), names(d.get("/api/v1/ensembles").body()), "the running config stays");
            d.await(x -> x.value("zkwatch_up", "ensemble", "b").orElse(0) == 1, WAIT, "b still polled");
        }
    }

    @Test
    void anEnsembleRemovedByAReloadTakesItsOwnHealthSeriesWithIt() throws Exception {
        LocalServer zk = zk();
        String one = "ensembles:\n" + DaemonHarness.ensemble("a", List.of(address(zk)), "");
        try (FourLetterProxy proxy = FourLetterProxy.alias(zk.clientPort());
             DaemonHarness d = DaemonHarness.start(dir, one + DaemonHarness.ensemble("gone",
                     List.of(proxy.address()), ""))) {
            d.await(m -> m.has("zkwatch_collector_duration_seconds_count", "ensemble", "gone")
                    && m.has("zkwatch_collector_read_bytes_total", "ensemble", "gone"), WAIT, "gone polled");
            Files.writeString(d.configFile(), one);
            assertEquals(200, d.post("/-/reload").statusCode());
            Exposition m = d.await(x -> x.samples().stream().noneMatch(s -> "gone".equals(s.labels().get("ensemble"))),
                    Duration.ofSeconds(10), "no series of the removed ensemble");
            assertTrue(m.has("zkwatch_collector_duration_seconds_count", "ensemble", "a"), m.text());
        }
    }

    @Test
    void aMemberDroppedByAReloadDoesNotReturnFromAPollStillInFlight() throws Exception {
        // The second member answers only after the timeout (3 s), so a poll of it is in flight at any moment.
        LocalServer zk = zk();
        FourLetterProxy.Traffic traffic = new FourLetterProxy.Traffic();
        try (FourLetterProxy slow = FourLetterProxy.start(zk.clientPort(), traffic, Duration.ofSeconds(8))) {
            String before = "ensembles:\n" + DaemonHarness.ensemble("a", List.of(address(zk), slow.address()),
                    "discover: false");
            try (DaemonHarness d = DaemonHarness.start(dir, before)) {
                d.await(m -> m.has("zkwatch_collector_failure", "server", slow.address(), "reason", "timeout"),
                        WAIT, "the slow member timing out");
                Files.writeString(d.configFile(), "ensembles:\n" + DaemonHarness.ensemble("a",
                        List.of(address(zk)), "discover: false"));
                // Reload just after the next poll of the slow member has begun: it is then in flight for 3 s.
                int polls = traffic.started();
                Instant deadline = Instant.now().plus(WAIT);
                while (traffic.started() == polls && Instant.now().isBefore(deadline)) {
                    Thread.sleep(10);
                }
                assertTrue(traffic.started() > polls, "the slow member is polled again");
                assertEquals(200, d.post("/-/reload").statusCode());
                // Watch for longer than the poll that was in flight can take to end.
                Instant end = Instant.now().plusSeconds(5);
                while (Instant.now().isBefore(end)) {
                    Exposition m = d.scrape();
                    assertTrue(m.find("zkwatch_up", "server", slow.address()).isEmpty(),
                            "the dropped member is back\n" + m.text());
                    Thread.sleep(200);
                }
                assertEquals(1.0, d.scrape().value("zkwatch_up", "server", address(zk)).orElseThrow());
            }
        }
    }

    @Test
    void sighupReloadsARunningZkwatchProcess() throws Exception {
        LocalServer zk = zk();
        int port = freePort();
        Path config = dir.resolve("zkwatch.yaml");
        String one = "listen: 127.0.0.1:" + port + "\nensembles:\n"
                + DaemonHarness.ensemble("a", List.of(address(zk)), "");
        Files.writeString(config, one);
        Path log = dir.resolve("zkwatch.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitBody(http, base.resolve("/-/ready"), b -> b.contains("ready"), p, log);
            try (FourLetterProxy proxy = FourLetterProxy.alias(zk.clientPort())) {
                String two = one + DaemonHarness.ensemble("b", List.of(proxy.address()), "");
                Files.writeString(config, two);
                hangUp(p);
                awaitBody(http, base.resolve("/api/v1/ensembles"), b -> names(b).equals(List.of("a", "b")), p, log);

                Files.writeString(config, two + "    unknown_key: 1\n");
                hangUp(p);
                awaitBody(http, base.resolve("/metrics"),
                        b -> Exposition.parse(b).value(RELOAD_OK).orElse(1) == 0, p, log);
                assertEquals(List.of("a", "b"), names(send(http, base.resolve("/api/v1/ensembles"))));
                Instant end = Instant.now().plus(WAIT);
                while (!Files.readString(log).contains("ensembles[1].unknown_key") && Instant.now().isBefore(end)) {
                    Thread.sleep(100);
                }
                assertTrue(Files.readString(log).contains("ensembles[1].unknown_key"), "the log names the key");
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertFalse(p.isAlive());
    }

    private static void hangUp(Process p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    private static String send(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls {@code uri} until its body satisfies {@code accept}; fails with the process log otherwise. */
    private static void awaitBody(HttpClient http, URI uri, ThrowingPredicate accept, Process p, Path log)
            throws Exception {
        Instant end = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(end) && p.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && accept.test(r.body())) {
                    return;
                }
            } catch (IOException notYetListening) {
                last = notYetListening.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(uri + " never satisfied the condition (process alive: " + p.isAlive()
                + "); last: " + last + "\nlog:\n" + Files.readString(log));
    }

    /** A condition on a response body that may parse it. */
    private interface ThrowingPredicate {
        boolean test(String body) throws Exception;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
