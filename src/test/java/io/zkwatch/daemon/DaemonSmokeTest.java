package io.zkwatch.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline, collectors to /metrics, against a real 3-node ensemble. */
class DaemonSmokeTest {

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    @TempDir
    Path dir;

    @Test
    void exportsPerSessionPathAndClientWatchesOfARealEnsemble() throws Exception {
        LocalEnsemble zk = QUORUM.get("3.9.5");
        LocalServer first = zk.servers().get(0);
        try (Clients clients = new Clients();
             DaemonHarness d = DaemonHarness.start(dir, DaemonHarness.yaml("smoke", zk, ""))) {
            ZooKeeper a = clients.connectFrom("127.0.0.2", first);
            Clients.create(a, "/smoke", "x");
            for (int i = 0; i < 7; i++) {
                Clients.create(a, "/smoke/n" + i, "x");
                Clients.watchData(a, "/smoke/n" + i, e -> { });
            }
            String hex = Clients.hexId(a);
            String server = "127.0.0.1:" + first.clientPort();
            // The client host comes from cons, a cheap poll that may land after the dump showing the session.
            String m = d.awaitMetrics(s -> s.contains("session=\"" + hex + "\",client=\"127.0.0.2\""),
                    Duration.ofSeconds(30), "the session's watches with its client host");
            assertEquals(7.0, DaemonHarness.value(m, "zookeeper_session_watches{ensemble=\"smoke\",server=\""
                    + server + "\",session=\"" + hex + "\",client=\"127.0.0.2\""));
            for (LocalServer s : zk.servers()) {
                assertEquals(1.0, DaemonHarness.value(m, "zkwatch_up{ensemble=\"smoke\",server=\"127.0.0.1:"
                        + s.clientPort() + "\""), "up " + s.clientPort());
            }
            assertTrue(m.contains("zookeeper_path_watchers{ensemble=\"smoke\",server=\"" + server
                    + "\",path=\"/smoke/n0\""), m);
            assertEquals(200, d.get("/-/ready").statusCode());
        }
    }
}
