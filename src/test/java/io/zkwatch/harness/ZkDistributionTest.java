package io.zkwatch.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalZkException;
import io.zkwatch.daemon.localzk.ZkDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Resolution of server classpaths through Maven: content, caching, locking and errors. */
class ZkDistributionTest {

    @ParameterizedTest
    @MethodSource("io.zkwatch.harness.ZkVersions#all")
    void classpathHoldsTheServerItsAdminServerAndItsLoggingBackend(String version) {
        List<String> jars = ZkDistribution.resolve(version).classpath().stream()
                .map(p -> p.getFileName().toString()).toList();
        assertTrue(jars.contains("zookeeper-" + version + ".jar"), jars.toString());
        assertTrue(jars.contains("zookeeper-jute-" + version + ".jar"), jars.toString());
        for (String prefix : List.of("jetty-server-9.4.", "jetty-servlet-9.4.", "jackson-databind-", "commons-cli-",
                "metrics-core-", "snappy-java-", "netty-handler-", "logback-classic-")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith(prefix)), "no " + prefix + "* in " + jars);
        }
        assertTrue(jars.stream().noneMatch(j -> j.startsWith("javalin") || j.startsWith("jetty-server-12")), jars.toString());
    }

    @Test
    void concurrentResolutionsRunMavenOnceAndAgree(@TempDir Path root) throws Exception {
        Path counter = root.resolve("maven-runs");
        Path counting = script(root, "counting-mvn", "echo run >> '" + counter + "'\nexec mvn \"$@\"");
        ZkDistribution.Resolver resolver = ZkDistribution.resolver().cacheRoot(root.resolve("cache"))
                .mavenExecutable(counting);
        String version = ZkVersions.newest();
        assertFalse(resolver.isCached(version), "nothing is resolved in a fresh cache");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ZkDistribution>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return resolver.resolve(version);
                }));
            }
            go.countDown();
            List<Path> first = results.get(0).get().classpath();
            for (Future<ZkDistribution> result : results) {
                assertEquals(first, result.get().classpath());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Files.readAllLines(counter).size(), "Maven must run once for four concurrent requests");
        assertTrue(resolver.isCached(version), "a resolved version is cached");
        ZkDistribution cached = resolver.mavenExecutable(root.resolve("no-such-mvn")).resolve(version);
        assertTrue(cached.classpath().stream().allMatch(Files::isRegularFile), "the cache needs no Maven");
    }

    @Test
    void missingMavenSaysHowToProvideIt(@TempDir Path root) {
        LocalZkException e = assertThrows(LocalZkException.class, () -> ZkDistribution.resolver()
                .cacheRoot(root).mavenExecutable(root.resolve("no-such-mvn")).resolve("3.9.5"));
        assertTrue(e.getMessage().contains("MAVEN_CMD") && e.getMessage().contains("no-such-mvn"), e.getMessage());
    }

    @Test
    void failingMavenShowsTheTailOfItsOutput(@TempDir Path root) throws Exception {
        Path failing = script(root, "failing-mvn", "echo 'resolution went wrong: no such artifact'\nexit 3");
        LocalZkException e = assertThrows(LocalZkException.class, () -> ZkDistribution.resolver()
                .cacheRoot(root.resolve("cache")).mavenExecutable(failing).resolve("3.9.5"));
        assertTrue(e.getMessage().contains("exit 3"), e.getMessage());
        assertTrue(e.getMessage().contains("resolution went wrong: no such artifact"), e.getMessage());
    }

    private static Path script(Path dir, String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
