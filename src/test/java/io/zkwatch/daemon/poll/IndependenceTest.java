package io.zkwatch.daemon.poll;

import static io.zkwatch.daemon.DaemonHarness.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.daemon.Exposition;
import io.zkwatch.daemon.FourLetterProxy;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.ZkVersions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member that stops answering (SIGSTOP: its port still accepts, nothing ever comes back) costs only its own
 * readings: the other members keep being polled on cadence and {@code /metrics} keeps answering at once.
 */
class IndependenceTest {

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** poll_interval 1s plus the poll itself: a reading older than this means the member missed a beat. */
    private static final double FRESH_SECONDS = 2.5;

    @TempDir
    Path dir;

    private LocalServer paused;

    @AfterEach
    void resumeAndAwaitServing() {
        if (paused != null) {
            resume();
            paused.awaitServing(Duration.ofSeconds(30));
            paused = null;
        }
    }

    /** Lets the paused member answer again, so that polls blocked on it end before the daemon closes. */
    private void resume() {
        if (paused != null && paused.isAlive()) {
            try {
                paused.resume();
            } catch (IllegalStateException alreadyResumed) {
                // resumed at the end of the test
            }
        }
    }

    private LocalServer pauseAFollower(LocalEnsemble zk) {
        paused = zk.followers().get(0);
        paused.pause();
        return paused;
    }

    private static boolean up(Exposition m, String ensemble, LocalServer s) {
        return m.value("zkwatch_up", "ensemble", ensemble, "server", address(s)).orElse(-1) == 1;
    }

    /**
     * Scrapes for {@code seconds}, asserting every scrape answers within a second and every healthy member's mntr
     * reading stays fresh. Returns the oldest reading seen.
     */
    private static double watchHealthyMembers(DaemonHarness d, String ensemble, List<LocalServer> healthy,
                                              int seconds) throws Exception {
        double oldest = 0;
        Instant end = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(end)) {
            long start = System.nanoTime();
            Exposition m = d.scrape();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 1000, "/metrics took " + tookMs + " ms");
            for (LocalServer s : healthy) {
                double age = m.value("zkwatch_reading_age_seconds", "ensemble", ensemble, "server", address(s),
                        "collector", "mntr").orElse(Double.NaN);
                oldest = Math.max(oldest, age);
                assertTrue(age <= FRESH_SECONDS, address(s) + " mntr reading is " + age + " s old\n" + m.text());
                assertTrue(up(m, ensemble, s), address(s) + " up\n" + m.text());
            }
            Thread.sleep(200);
        }
        return oldest;
    }

    @Test
    void aPausedMemberIsReportedDownWithATimeoutWhileTheOthersArePolledOnCadence() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("indep",
                zk.servers().stream().map(DaemonHarness::address).toList(), "discover: false");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            d.await(m -> zk.servers().stream().allMatch(s -> up(m, "indep", s)), WAIT, "all members up");
            LocalServer stopped = pauseAFollower(zk);
            String server = address(stopped);
            Exposition m = d.await(x -> x.value("zkwatch_up", "server", server).orElse(-1) == 0
                    && x.has("zkwatch_collector_failure", "server", server, "collector", "mntr", "reason", "timeout"),
                    WAIT, "the paused member down with a timeout");
            assertTrue(m.find("zookeeper_znodes", "server", server).isEmpty(),
                    "nothing read from a member that does not answer is exported");
            List<LocalServer> healthy = new ArrayList<>(zk.servers());
            healthy.remove(stopped);
            watchHealthyMembers(d, "indep", healthy, 4);
            resume();
        }
    }

    @Test
    void pausedMembersInManyEnsemblesDoNotStarveTheHealthyOnes() throws Exception {
        // A data centre going dark takes a member of every ensemble with it: each poll of those waits for its
        // whole timeout. The healthy members must not queue behind them.
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        LocalServer stopped = zk.followers().get(0);
        List<LocalServer> healthy = new ArrayList<>(zk.servers());
        healthy.remove(stopped);
        StringBuilder yaml = new StringBuilder("ensembles:\n").append(DaemonHarness.ensemble("healthy",
                healthy.stream().map(DaemonHarness::address).toList(), "discover: false"));
        // zkwatch refuses one address in two ensembles: each dark ensemble reaches the member through a proxy.
        List<FourLetterProxy> proxies = new ArrayList<>();
        FourLetterProxy.Traffic traffic = new FourLetterProxy.Traffic();
        try {
            for (int i = 0; i < 8; i++) {
                proxies.add(FourLetterProxy.start(stopped.clientPort(), traffic, Duration.ZERO));
                yaml.append(DaemonHarness.ensemble("dark" + i, List.of(proxies.get(i).address()), "discover: false"));
            }
            try (DaemonHarness d = DaemonHarness.start(dir, yaml.toString())) {
                d.await(m -> healthy.stream().allMatch(s -> up(m, "healthy", s))
                        && m.find("zkwatch_up", "ensemble", "dark7").size() == 1, WAIT, "every member polled");
                pauseAFollower(zk);
                d.await(m -> proxies.stream().allMatch(p -> m.value("zkwatch_up", "server", p.address())
                        .orElse(-1) == 0), WAIT, "the paused member down in every dark ensemble");
                double oldest = watchHealthyMembers(d, "healthy", healthy, 5);
                assertTrue(oldest > 0, "readings were seen");
                resume();
            }
        } finally {
            for (FourLetterProxy p : proxies) {
                p.close();
            }
        }
    }

    @Test
    void readinessWaitsForTheFirstPollOfEveryMemberWhateverItsResult() throws Exception {
        LocalEnsemble zk = QUORUM.get(ZkVersions.newest());
        LocalServer stopped = pauseAFollower(zk);
        String yaml = "ensembles:\n" + DaemonHarness.ensemble("ready",
                zk.servers().stream().map(DaemonHarness::address).toList(), "discover: false");
        try (DaemonHarness d = DaemonHarness.start(dir, yaml)) {
            // The paused member's first poll can only end with its 3 s timeout.
            assertEquals(503, d.get("/-/ready").statusCode(), "not ready before every member was polled once");
            Instant end = Instant.now().plus(WAIT);
            int status = 503;
            while (status != 200 && Instant.now().isBefore(end)) {
                status = d.get("/-/ready").statusCode();
                Thread.sleep(100);
            }
            assertEquals(200, status, "ready once the paused member's poll has timed out");
            assertEquals(0.0, d.scrape().value("zkwatch_up", "server", address(stopped)).orElseThrow(),
                    "ready does not mean up");
            resume();
        }
    }
}
