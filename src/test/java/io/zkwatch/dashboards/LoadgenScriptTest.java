package io.zkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.ZkDistribution;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose file's optional load generator ({@code docker/loadgen/load.sh}) against a real server: the script
 * as shipped, with {@code zkCli.sh} standing for the ZooKeeper CLI class it runs in the official image
 * ({@code org.apache.zookeeper.ZooKeeperMain}, here on the class path of the harness's ZooKeeper 3.9.5
 * server). Its sessions must hold their watches until stopped.
 */
class LoadgenScriptTest {

    @RegisterExtension
    static final SharedEnsembles STANDALONE = new SharedEnsembles(TestEnsembles::standalone);

    @TempDir
    Path dir;

    @Test
    void loadGeneratorSessionsHoldTheirWatches() throws Exception {
        LocalServer zk = STANDALONE.get("3.9.5").servers().get(0);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path cli = bin.resolve("zkCli.sh");
        Files.writeString(cli, "#!/bin/bash\nexec java $CLIENT_JVMFLAGS -cp \"$TEST_CLASSPATH\" "
                + "org.apache.zookeeper.ZooKeeperMain \"$@\" >> \"" + dir.resolve("cli.log") + "\" 2>&1\n");
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("docker", "loadgen", "load.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("load.log").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("TEST_CLASSPATH", ZkDistribution.resolve("3.9.5").classpath().stream()
                .map(Path::toString).collect(java.util.stream.Collectors.joining(":")));
        pb.environment().put("SERVER", zk.connectString());
        pb.environment().put("SESSIONS", "2");
        pb.environment().put("WATCHES", "3");
        Process load = pb.start();
        try {
            String wchc = "";
            Instant end = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(end) && !(wchc.contains("/demo/s1-n3") && wchc.contains("/demo/s2-n3"))) {
                TimeUnit.MILLISECONDS.sleep(300);
                wchc = new String(zk.fourLetterWord("wchc", Duration.ofSeconds(5)), StandardCharsets.UTF_8);
            }
            for (String path : List.of("/demo/s1-n1", "/demo/s1-n2", "/demo/s1-n3", "/demo/s2-n1", "/demo/s2-n3")) {
                assertTrue(wchc.contains(path), path + " is watched; wchc:\n" + wchc + "\nlog:\n"
                        + Files.readString(dir.resolve("load.log")) + Files.readString(dir.resolve("cli.log")));
            }
            long sessions = wchc.lines().filter(l -> l.startsWith("0x")).count();
            assertTrue(sessions == 2, "two sessions hold the watches:\n" + wchc);
            assertTrue(load.isAlive(), "the generator keeps running");
        } finally {
            List<ProcessHandle> tree = load.descendants().toList();
            load.destroy();
            tree.forEach(ProcessHandle::destroy);
            load.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
