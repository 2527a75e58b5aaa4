package io.zkwatch.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkwatch.daemon.FixtureEnsemble;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.export.SnapshotExporter;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP face over a snapshot built from the fixtures: exposition format and compression, health and
 * readiness, and the JSON API. The server is the real Javalin one on a free port; nothing talks to ZooKeeper.
 */
class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicBoolean READY = new AtomicBoolean();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static MetricsRegistry metrics;
    private static HttpServer server;

    @BeforeAll
    static void start() {
        SnapshotStore store = FixtureEnsemble.withTopN(50).store();
        metrics = MetricsRegistry.withoutJvmMetrics(io.micrometer.core.instrument.Clock.SYSTEM);
        metrics.register(new SnapshotExporter(store, n -> 50, e -> LabelPolicy.raw(), FixtureEnsemble.clock()));
        server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0), metrics,
                new ApiHandlers(store, e -> LabelPolicy.raw(), FixtureEnsemble.clock(), List.of()), READY::get,
                () -> new HttpServer.ReloadResult(true, List.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
        metrics.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static String expectedExposition() throws IOException {
        StringWriter w = new StringWriter();
        metrics.write(w, Set.of());
        return w.toString();
    }

    @Test
    void metricsAreGzippedWhenTheScraperAcceptsGzip() throws Exception {
        HttpResponse<byte[]> r = get("/metrics", "Accept-Encoding", "gzip");
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse("none"));
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertEquals(expectedExposition(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(r.body().length < expectedExposition().length() / 3, "compressed: " + r.body().length);
    }

    @Test
    void metricsArePlainWhenTheScraperDoesNotAskForCompression() throws Exception {
        HttpResponse<byte[]> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Encoding").isEmpty(), r.headers().toString());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(expectedExposition(), new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void metricsCanBeRestrictedToNamedFamilies() throws Exception {
        String body = new String(get("/metrics?name[]=zkwatch_up").body(), StandardCharsets.UTF_8);
        List<String> families = body.lines().filter(l -> l.startsWith("# TYPE")).toList();
        assertEquals(List.of("# TYPE zkwatch_up gauge"), families);
    }

    @Test
    void healthyAlwaysAnswersOk() throws Exception {
        assertEquals(200, get("/-/healthy").statusCode());
    }

    @Test
    void readyIs503UntilTheDaemonSaysItIsReady() throws Exception {
        READY.set(false);
        HttpResponse<byte[]> before = get("/-/ready");
        assertEquals(503, before.statusCode());
        assertTrue(new String(before.body(), StandardCharsets.UTF_8).contains("first poll"));
        READY.set(true);
        assertEquals(200, get("/-/ready").statusCode());
    }

    @Test
    void ensemblesListEveryMemberWithItsCommandStatuses() throws Exception {
        JsonNode all = json("/api/v1/ensembles");
        List<String> names = new ArrayList<>();
        all.forEach(e -> names.add(e.path("name").asText()));
        assertEquals(List.of("odd", "reference"), names);
        JsonNode ref = json("/api/v1/ensembles/reference");
        assertEquals("127.0.0.1:21813", ref.path("leader").asText());
        JsonNode zk1 = ref.path("members").get(0);
        assertEquals("127.0.0.1:21811", zk1.path("server").asText());
        assertEquals("follower", zk1.path("role").asText());
        assertEquals(21, zk1.path("data_watches").asLong());
        assertTrue(zk1.path("commands").path("wchc").path("ok").asBoolean());
        assertEquals("unavailable", zk1.path("commands").path("dump").path("failure").asText());
        assertTrue(ref.path("members").get(1).path("session_connections").isNull(),
                "zk2's cons was not read: null, never 0");
    }

    @Test
    void sessionsAreRankedByWatchesWithHexIdsAsStrings() throws Exception {
        JsonNode body = json("/api/v1/ensembles/reference/sessions?top=2");
        assertEquals(5, body.path("distinct_sessions").asInt(), "4 on zk1 and 1 on zk2");
        JsonNode rows = body.path("sessions");
        assertEquals(2, rows.size());
        // 0x100007499e30000 is above 2^53: as a JSON number it would lose its last digits.
        assertTrue(rows.get(0).path("session").isTextual());
        assertEquals("0x100007499e30000", rows.get(0).path("session").asText());
        assertEquals(11, rows.get(0).path("watches").asLong());
        assertEquals("127.0.0.1", rows.get(0).path("client").asText());
        assertTrue(rows.get(0).path("connected").asBoolean());
        assertEquals("0x100007499e30001", rows.get(1).path("session").asText());
        assertEquals(5, json("/api/v1/ensembles/reference/sessions").path("sessions").size(),
                "without top, up to the default");
    }

    @Test
    void pathsListTheTopPathsAndPrefixesOfEveryMember() throws Exception {
        JsonNode servers = json("/api/v1/ensembles/odd/paths?top=3").path("servers");
        assertEquals(1, servers.size());
        JsonNode odd = servers.get(0);
        assertEquals(14, odd.path("total_watches").asLong());
        assertEquals(12, odd.path("distinct_paths").asLong());
        assertTrue(odd.path("exact").asBoolean(), "a small dump is counted exactly");
        assertEquals(3, odd.path("top_paths").size());
        assertEquals("/probe/data/n20", odd.path("top_paths").get(0).path("path").asText());
        assertEquals(2, odd.path("top_paths").get(0).path("watchers").asLong());
        assertEquals(2, odd.path("prefixes").size());
    }

    @Test
    void clientsAreJoinedAcrossMembers() throws Exception {
        JsonNode body = json("/api/v1/ensembles/odd/clients");
        assertEquals(2, body.path("distinct_clients").asInt());
        JsonNode first = body.path("clients").get(0);
        assertEquals("127.0.0.1", first.path("client").asText());
        assertEquals(2, first.path("connections").asLong());
        assertEquals(12, first.path("watches").asLong());
        assertEquals(1, json("/api/v1/ensembles/odd/clients?top=1").path("clients").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/sessions", "/paths", "/clients"})
    void anUnknownEnsembleIs404WithAReason(String route) throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/ensembles/nosuch" + route);
        assertEquals(404, r.statusCode());
        assertEquals("no ensemble named nosuch", JSON.readTree(r.body()).path("error").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-3", "1.5", "", "1O0"})
    void aTopThatIsNotAPositiveWholeNumberIsRejectedNamingTheParameter(String top) throws Exception {
        for (String route : List.of("sessions", "paths", "clients")) {
            HttpResponse<byte[]> r = get("/api/v1/ensembles/reference/" + route + "?top=" + top);
            assertEquals(400, r.statusCode(), route + "?top=" + top);
            String error = JSON.readTree(r.body()).path("error").asText();
            assertTrue(error.startsWith("top must be a positive whole number"), error);
        }
    }

    @Test
    void aTopAboveTheMaximumIsCapped() throws Exception {
        assertEquals(5, json("/api/v1/ensembles/reference/sessions?top=999999999999").path("sessions").size());
    }
}
