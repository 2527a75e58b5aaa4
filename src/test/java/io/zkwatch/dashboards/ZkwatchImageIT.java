package io.zkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The image {@code docker/Dockerfile} builds, run next to the official {@code zookeeper:3.9} image as
 * {@code docker/docker-compose.yml} runs them: Docker's own HEALTHCHECK turns healthy, the process is not root,
 * and zkwatch reports the ZooKeeper container up with its watches. (The collectors against the official image
 * are {@code OfficialImageCollectorsIT}'s subject.) Run by failsafe; skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class ZkwatchImageIT {

    private static final String CONFIG = """
            listen: 0.0.0.0:9663
            ensembles:
              - name: it
                members: [zk:2181]
                poll_interval: 1s
                dump_interval: 5s
                dump_min_interval: 1s
            """;

    @Test
    void theImageRunsAsNonRootTurnsHealthyAndReportsTheZooKeeperContainer() throws Exception {
        ImageFromDockerfile image = new ImageFromDockerfile("zkwatch-it", true)
                .withFileFromPath("pom.xml", Path.of("pom.xml"))
                .withFileFromPath("collectors", Path.of("collectors"))
                .withFileFromPath("daemon", Path.of("daemon"))
                .withFileFromPath("docker/Dockerfile", Path.of("docker", "Dockerfile"))
                .withDockerfilePath("docker/Dockerfile");
        try (Network network = Network.newNetwork();
             GenericContainer<?> zk = new GenericContainer<>(DockerImageName.parse("zookeeper:3.9"))
                     .withNetwork(network).withNetworkAliases("zk")
                     .withEnv("ZOO_4LW_COMMANDS_WHITELIST", "mntr,srvr,conf,wchs,wchc,wchp,cons,dump,ruok,isro,envi")
                     .waitingFor(Wait.forHttp("/commands/ruok").forPort(8080).forStatusCode(200)
                             .withStartupTimeout(Duration.ofMinutes(2)))
                     .withExposedPorts(2181, 8080);
             GenericContainer<?> zkwatch = new GenericContainer<>(image)
                     .withNetwork(network)
                     .withCopyToContainer(Transferable.of(CONFIG), "/etc/zkwatch/zkwatch.yaml")
                     .withExposedPorts(9663)
                     .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)))) {
            zk.start();
            zkwatch.start();

            assertEquals("10001", zkwatch.execInContainer("id", "-u").getStdout().trim(), "runs as zkwatch, not root");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://" + zkwatch.getHost() + ":" + zkwatch.getMappedPort(9663);
            String metrics = "";
            Instant end = Instant.now().plusSeconds(60);
            java.util.regex.Pattern up = java.util.regex.Pattern.compile(
                    "(?m)^zkwatch_up\\{ensemble=\"it\",server=\"zk:2181\",?} 1\\.0$");
            while (Instant.now().isBefore(end) && !up.matcher(metrics).find()) {
                TimeUnit.MILLISECONDS.sleep(500);
                metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(up.matcher(metrics).find(), "zkwatch reports the ZooKeeper container up:\n" + metrics);
            assertTrue(metrics.contains("zookeeper_watches{ensemble=\"it\",server=\"zk:2181\""), metrics);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("data-ensemble=\"it\""), page.body());
        }
    }
}
