package io.zkwatch.harness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalZkException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A port that another process holds is recognised in the server's log, retried, and finally reported. */
class PortClashTest {

    @Test
    void aClientPortHeldByAnotherProcessFailsClearlyAfterRetriesAndLeavesNoProcess() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            LocalEnsemble ensemble = TestEnsembles.standalone(ZkVersions.newest())
                    .configEntry("clientPort", Integer.toString(taken.getLocalPort()))
                    .startTimeout(Duration.ofSeconds(30)).build();
            try {
                LocalZkException e = assertThrows(LocalZkException.class, ensemble::start);
                assertTrue(e.getMessage().contains("ports kept clashing after 3 attempts"), e.getMessage());
                assertTrue(e.getCause().getMessage().contains("Address already in use"), e.getCause().getMessage());
            } finally {
                ensemble.close();
            }
            Probes.assertNoChildProcessOf(ensemble);
        }
    }
}
