package io.zkwatch.harness;

import static io.zkwatch.harness.Probes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.LocalServer.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-member quorum per version: membership, client load through the real client (pinned sessions,
 * distinct client addresses, every watch kind), a member's death and return, and a clean close. Steps run in
 * order on one ensemble.
 */
class QuorumLifecycleTest {

    private static final Duration SERVE = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static final Duration EVENT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedEnsembles QUORUM = new SharedEnsembles(TestEnsembles::quorum);

    @TestFactory
    Stream<DynamicNode> quorumLifecycle() {
        return ZkVersions.all().map(v -> dynamicContainer("ZooKeeper " + v, Stream.of(
                dynamicTest("three members serve: one leader, two followers", () -> oneLeaderTwoFollowers(v)),
                dynamicTest("conf and the dynamic file list every member with its client address", () -> membership(v)),
                dynamicTest("sessions pinned to a follower show in its cons and wchc", () -> pinnedSessions(v)),
                dynamicTest("sessions bound to 127.0.0.2 and 127.0.0.3 show those client addresses", () -> boundAddresses(v)),
                dynamicTest("child watches count in mntr but not in wchs", () -> childWatchesOnlyInMntr(v)),
                dynamicTest("persistent, recursive and re-registering watches keep firing", () -> lastingWatches(v)),
                dynamicTest("a killed follower refuses connections while the rest keeps a leader", () -> killFollower(v)),
                dynamicTest("the killed follower restarts on its port and rejoins as follower", () -> restartFollower(v)),
                dynamicTest("close leaves no child process and frees every port", () -> closeCleansUp(v)))));
    }

    private void oneLeaderTwoFollowers(String version) {
        LocalEnsemble zk = QUORUM.get(version);
        assertEquals(3, zk.servers().size());
        List<Mode> modes = zk.servers().stream().map(LocalServer::mode).sorted().toList();
        assertEquals(List.of(Mode.LEADER, Mode.FOLLOWER, Mode.FOLLOWER), modes);
        assertEquals(Mode.LEADER, zk.leader().mode());
        assertEquals(2, zk.followers().size());
        assertEquals(3, zk.connectString().split(",").length);
    }

    private void membership(String version) throws Exception {
        LocalEnsemble zk = QUORUM.get(version);
        LocalServer first = zk.server(1);
        String conf = text(Probes.fourLetterWord(first.clientPort(), "conf", SHORT));
        for (LocalServer s : zk.servers()) {
            String line = "server." + s.id() + "=127.0.0.1:" + s.quorumPort() + ":" + s.electionPort()
                    + ":participant;127.0.0.1:" + s.clientPort();
            assertTrue(conf.contains(line), "conf lacks " + line + ":\n" + conf);
            Path dynamic = s.dynamicConfigFile().orElseThrow();
            assertTrue(Files.readString(dynamic).contains(line), dynamic + " lacks " + line);
        }
        assertTrue(conf.contains("clientPort=" + first.clientPort()), conf);
    }

    private void pinnedSessions(String version) throws Exception {
        LocalEnsemble zk = QUORUM.get(version);
        LocalServer follower = zk.followers().get(0);
        try (Clients clients = new Clients()) {
            ZooKeeper setup = clients.connect(zk.connectString());
            Clients.createTree(setup, "/harness/pinned", 3, 1);
            List<ZooKeeper> pinned = clients.connect(follower.connectString(), 2);
            for (ZooKeeper session : pinned) {
                Clients.watchData(session, "/harness/pinned/n1", new RecordingWatcher());
            }
            String cons = text(Probes.fourLetterWord(follower.clientPort(), "cons", SHORT));
            String wchc = text(Probes.fourLetterWord(follower.clientPort(), "wchc", SHORT));
            for (ZooKeeper session : pinned) {
                String id = Clients.hexId(session);
                assertTrue(cons.contains("sid=" + id + ","), "cons lacks " + id + ":\n" + cons);
                assertTrue(wchc.contains(id + "\n\t/harness/pinned/n1\n"), "wchc lacks " + id + ":\n" + wchc);
            }
        }
    }

    private void boundAddresses(String version) throws Exception {
        LocalServer follower = QUORUM.get(version).followers().get(0);
        try (Clients clients = new Clients()) {
            ZooKeeper two = clients.connectFrom("127.0.0.2", follower);
            ZooKeeper three = clients.connectFrom("127.0.0.3", follower);
            String cons = text(Probes.fourLetterWord(follower.clientPort(), "cons", SHORT));
            assertTrue(Pattern.compile("/127\\.0\\.0\\.2:\\d+\\[1\\]\\(.*sid=" + Clients.hexId(two) + ",").matcher(cons).find(), cons);
            assertTrue(Pattern.compile("/127\\.0\\.0\\.3:\\d+\\[1\\]\\(.*sid=" + Clients.hexId(three) + ",").matcher(cons).find(), cons);
        }
    }

    private void childWatchesOnlyInMntr(String version) throws Exception {
        LocalEnsemble zk = QUORUM.get(version);
        LocalServer quiet = zk.followers().get(1);
        try (Clients clients = new Clients()) {
            Clients.createTree(clients.connect(zk.connectString()), "/harness/children", 2, 1);
            ZooKeeper session = clients.connectPinned(quiet);
            Clients.watchChildren(session, "/harness/children", new RecordingWatcher());
            Clients.watchChildren(session, "/harness/children/n0", new RecordingWatcher());
            Clients.watchData(session, "/harness/children/n1", new RecordingWatcher());
            long wchs = number(text(Probes.fourLetterWord(quiet.clientPort(), "wchs", SHORT)), "Total watches:(\\d+)");
            long mntr = number(text(Probes.fourLetterWord(quiet.clientPort(), "mntr", SHORT)), "zk_watch_count\\s+(\\d+)");
            assertEquals(1, wchs, "wchs counts the one data watch only");
            assertEquals(3, mntr, "mntr counts the data watch and both child watches");
        }
    }

    private void lastingWatches(String version) throws Exception {
        LocalEnsemble zk = QUORUM.get(version);
        try (Clients clients = new Clients()) {
            ZooKeeper writer = clients.connect(zk.connectString());
            ZooKeeper watcher = clients.connectPinned(zk.followers().get(0));
            Clients.create(writer, "/harness/lasting/data", "0");
            RecordingWatcher recursive = new RecordingWatcher();
            RecordingWatcher persistent = new RecordingWatcher();
            Clients.watchPersistentRecursive(watcher, "/harness/lasting", recursive);
            Clients.watchPersistent(watcher, "/harness/lasting/data", persistent);
            ReRegisteringWatcher again = ReRegisteringWatcher.watch(watcher, "/harness/lasting/data",
                    ReRegisteringWatcher.Kind.DATA);
            List<String> seen = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                writer.setData("/harness/lasting/data", ("" + i).getBytes(), -1);
                again.awaitCount(i, EVENT);
                persistent.awaitCount(i, EVENT);
                seen.add(again.events().get(i - 1).getType().name());
            }
            assertEquals(List.of("NodeDataChanged", "NodeDataChanged", "NodeDataChanged"), seen);
            Clients.create(writer, "/harness/lasting/deep/er", "");
            recursive.await(e -> e.getType() == EventType.NodeCreated && "/harness/lasting/deep/er".equals(e.getPath()), EVENT);
        }
    }

    private void killFollower(String version) throws Exception {
        LocalEnsemble zk = QUORUM.get(version);
        LocalServer victim = zk.followers().get(0);
        LocalServer leader = zk.leader();
        victim.kill();
        Probes.assertRefused(victim.clientPort());
        Probes.assertRefused(victim.adminPort());
        assertEquals(leader, zk.leader(), "two of three members keep the quorum and its leader");
        assertEquals("imok", text(Probes.fourLetterWord(leader.clientPort(), "ruok", SHORT)));
    }

    private void restartFollower(String version) {
        LocalEnsemble zk = QUORUM.get(version);
        LocalServer victim = zk.servers().stream().filter(s -> !s.isAlive()).findFirst().orElseThrow();
        int port = victim.clientPort();
        victim.restart();
        assertEquals(Mode.FOLLOWER, victim.awaitServing(SERVE));
        assertEquals(port, victim.clientPort());
        assertEquals(2, zk.followers().size());
    }

    private void closeCleansUp(String version) {
        LocalEnsemble zk = QUORUM.get(version);
        List<LocalServer> servers = zk.servers();
        List<Long> pids = servers.stream().map(LocalServer::pid).toList();
        zk.close();
        pids.forEach(Probes::assertNotRunning);
        Probes.assertNoChildProcessOf(zk);
        for (LocalServer s : servers) {
            assertNotEquals(true, s.isAlive());
            Probes.assertFree(s.clientPort());
            Probes.assertFree(s.adminPort());
            Probes.assertFree(s.quorumPort());
            Probes.assertFree(s.electionPort());
        }
    }

    private static long number(String reply, String regex) {
        Matcher m = Pattern.compile(regex).matcher(reply);
        assertTrue(m.find(), "no " + regex + " in:\n" + reply);
        return Long.parseLong(m.group(1));
    }
}
