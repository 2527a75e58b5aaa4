package io.zkwatch.harness;

import static io.zkwatch.harness.Probes.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.LocalServer.Mode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One standalone server per version goes through every state a monitor meets: serving, frozen, killed,
 * restarted and closed. The steps run in order on the same server, so one JVM start (plus one restart)
 * covers them all.
 */
class StandaloneServerLifecycleTest {

    private static final Duration SERVE = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(3);

    private static final Path EXTRA_CLASSPATH = TestEnsembles.workDirectory().resolve("extra-classpath-entry");

    @RegisterExtension
    static final SharedEnsembles STANDALONE = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .systemProperty("zkwatch.test.marker", "marker-" + v)
            .classpathEntry(EXTRA_CLASSPATH));

    @TestFactory
    Stream<DynamicNode> standaloneServerLifecycle() {
        return ZkVersions.all().map(v -> dynamicContainer("ZooKeeper " + v, Stream.of(
                dynamicTest("serves in standalone mode and is its own leader", () -> servesStandalone(v)),
                dynamicTest("AdminServer answers ruok over HTTP", () -> adminAnswersRuok(v)),
                dynamicTest("extra system properties and classpath entries reach the server JVM", () -> extras(v)),
                dynamicTest("paused server accepts connections but never answers", () -> pausedNeverAnswers(v)),
                dynamicTest("resumed server answers again", () -> resumedAnswers(v)),
                dynamicTest("killed server refuses connections", () -> killedRefuses(v)),
                dynamicTest("restarted server serves its old data on the same port", () -> restartedServes(v)),
                dynamicTest("close leaves no child process and frees every port", () -> closeCleansUp(v)))));
    }

    private static LocalServer server(String version) {
        return STANDALONE.get(version).servers().get(0);
    }

    private void servesStandalone(String version) throws Exception {
        LocalEnsemble ensemble = STANDALONE.get(version);
        LocalServer server = server(version);
        assertEquals(1, ensemble.servers().size());
        assertEquals(Mode.STANDALONE, server.mode());
        assertSame(server, ensemble.leader());
        assertEquals("imok", text(Probes.fourLetterWord(server.clientPort(), "ruok", SHORT)));
        assertTrue(text(Probes.fourLetterWord(server.clientPort(), "srvr", SHORT))
                .startsWith("Zookeeper version: " + version + "-"), "srvr names the version under test");
    }

    private void adminAnswersRuok(String version) throws Exception {
        HttpResponse<byte[]> response = Probes.get(server(version).adminUri("ruok"), Optional.empty(), SHORT);
        assertEquals(200, response.statusCode());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"command\" : \"ruok\"") && body.contains("\"error\" : null"), body);
    }

    private void extras(String version) throws Exception {
        LocalServer server = server(version);
        String envi = text(Probes.fourLetterWord(server.clientPort(), "envi", SHORT));
        assertTrue(envi.contains(":" + EXTRA_CLASSPATH), "java.class.path lacks the extra entry:\n" + envi);
        String properties = new String(Probes.get(server.adminUri("system_properties"), Optional.empty(), SHORT).body(),
                StandardCharsets.UTF_8);
        assertTrue(properties.contains("\"zkwatch.test.marker\" : \"marker-" + version + "\""), properties);
    }

    private void pausedNeverAnswers(String version) throws Exception {
        LocalServer server = server(version);
        server.pause();
        Probes.assertAcceptsButNeverAnswers(server.clientPort(), Duration.ofMillis(1500));
    }

    private void resumedAnswers(String version) throws Exception {
        LocalServer server = server(version);
        server.resume();
        assertEquals(Mode.STANDALONE, server.awaitServing(SERVE));
        assertEquals("imok", text(Probes.fourLetterWord(server.clientPort(), "ruok", SHORT)));
    }

    private void killedRefuses(String version) throws Exception {
        LocalServer server = server(version);
        try (Clients clients = new Clients()) {
            ZooKeeper zk = clients.connectPinned(server);
            Clients.create(zk, "/harness/persisted", "before-kill");
        }
        long pid = server.pid();
        server.kill();
        assertFalse(server.isAlive());
        Probes.assertNotRunning(pid);
        Probes.assertRefused(server.clientPort());
        Probes.assertRefused(server.adminPort());
    }

    private void restartedServes(String version) throws Exception {
        LocalServer server = server(version);
        int port = server.clientPort();
        server.restart();
        assertEquals(Mode.STANDALONE, server.awaitServing(SERVE));
        assertEquals(port, server.clientPort());
        try (Clients clients = new Clients()) {
            ZooKeeper zk = clients.connectPinned(server);
            assertArrayEquals("before-kill".getBytes(StandardCharsets.UTF_8), zk.getData("/harness/persisted", false, null));
        }
    }

    private void closeCleansUp(String version) {
        LocalEnsemble ensemble = STANDALONE.get(version);
        LocalServer server = server(version);
        long pid = server.pid();
        ensemble.close();
        ensemble.close();
        Probes.assertNotRunning(pid);
        Probes.assertNoChildProcessOf(ensemble);
        Probes.assertFree(server.clientPort());
        Probes.assertFree(server.adminPort());
    }
}
