package io.zkwatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zkwatch.collectors.Command;
import io.zkwatch.daemon.config.CheckResult;
import io.zkwatch.daemon.config.ConfigLoader;
import io.zkwatch.prom.PromTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of {@code docker/} without a container engine: the compose file is valid and everything it
 * mounts is there, the Dockerfile has its essentials, and the Prometheus, Alertmanager and zkwatch configurations
 * inside pass their own tools' checks. Running the stack needs Docker (see the {@code *IT} tests).
 */
class DockerComposeTest {

    static final Path DOCKER = Path.of("docker");
    static final Path COMPOSE = DOCKER.resolve("docker-compose.yml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Mounted paths another branch is adding; docker creates an empty directory until then. */
    static final Map<Path, String> PENDING = Map.of();

    @TempDir
    Path dir;

    record Run(int exit, String output) {
    }

    static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish within 120 s");
        }
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    static boolean installed(String binary) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
    }

    /**
     * The compose file with its anchors and merge keys ({@code <<: *anchor}) applied, as docker-compose reads it.
     * SnakeYAML resolves them; Jackson's YAML reader would leave the anchor's name in their place.
     */
    static JsonNode compose() throws IOException {
        try (InputStream in = Files.newInputStream(COMPOSE)) {
            Object tree = new org.yaml.snakeyaml.Yaml().load(in);
            return YAML.valueToTree(tree);
        }
    }

    @Test
    void dockerComposeAcceptsTheComposeFile() throws Exception {
        assumeTrue(installed("docker-compose"), "docker-compose is not installed");
        Run r = run(List.of("docker-compose", "-f", COMPOSE.toString(), "config", "-q"));
        assertEquals(0, r.exit(), r.output());
        Run profiles = run(List.of("docker-compose", "-f", COMPOSE.toString(), "--profile", "load", "config",
                "--services"));
        assertEquals(0, profiles.exit(), profiles.output());
        assertEquals(Set.of("zk1", "zk2", "zk3", "zkwatch", "prometheus", "alertmanager", "grafana", "loadgen"),
                Set.of(profiles.output().trim().split("\\s+")), profiles.output());
    }

    @Test
    void everyFileTheComposeFileMountsOrBuildsFromExists() throws Exception {
        List<String> missing = new ArrayList<>();
        List<Path> checked = new ArrayList<>();
        compose().path("services").fields().forEachRemaining(service -> {
            for (JsonNode v : service.getValue().path("volumes")) {
                String source = v.isTextual() ? v.asText().split(":")[0] : v.path("source").asText();
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    continue; // a named volume
                }
                Path host = DOCKER.resolve(source).normalize();
                checked.add(host);
                if (!Files.exists(host) && !PENDING.containsKey(host)) {
                    missing.add(service.getKey() + ": " + source);
                }
            }
            JsonNode build = service.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = DOCKER.resolve(build.path("context").asText()).normalize();
                checked.add(context.resolve(build.path("dockerfile").asText()));
                if (!Files.isRegularFile(context.resolve(build.path("dockerfile").asText()))) {
                    missing.add(service.getKey() + ": dockerfile " + build.path("dockerfile").asText());
                }
            }
        });
        assertEquals(List.of(), missing, "mounted or built from, but not in the repository");
        assertTrue(checked.size() >= 8, "the mounts were read: " + checked);
        for (Map.Entry<Path, String> p : PENDING.entrySet()) {
            assertTrue(checked.contains(p.getKey()), "pending path is mounted: " + p);
            if (!Files.exists(p.getKey())) {
                System.out.println("mounted, not in the repository yet: " + p.getKey() + " (" + p.getValue() + ")");
            }
        }
    }

    @Test
    void dockerfileIsMultiStageNonRootWithAHealthcheckOnHealthy() throws Exception {
        List<String> lines = instructions(Files.readString(DOCKER.resolve("Dockerfile")));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(List.of("FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre"), froms);
        List<String> runtime = lines.subList(lines.indexOf(froms.get(1)), lines.size());
        assertTrue(runtime.contains("COPY --from=build /src/target/zkwatch.jar /opt/zkwatch/zkwatch.jar"),
                runtime.toString());
        List<String> users = runtime.stream().filter(l -> l.startsWith("USER ")).toList();
        assertEquals(1, users.size(), runtime.toString());
        String user = users.get(0).substring(5).split(":")[0].trim();
        assertFalse(user.equals("0") || user.equals("root"), "runs as a non-root user: " + users);
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("HEALTHCHECK ")
                && l.contains("http://127.0.0.1:9663/-/healthy")), runtime.toString());
        assertTrue(runtime.contains("EXPOSE 9663"));
        assertEquals("ENTRYPOINT [\"java\",\"-jar\",\"/opt/zkwatch/zkwatch.jar\"]",
                runtime.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElse(""));
        // What the build stage copies exists, and the jar it takes is the one the pom's shade plugin writes.
        for (String l : lines.subList(0, lines.indexOf(froms.get(1)))) {
            if (l.startsWith("COPY ")) {
                String source = l.split("\\s+")[1];
                assertTrue(Files.exists(Path.of(source)), "COPY source " + source);
            }
        }
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<finalName>zkwatch</finalName>"),
                "the shaded jar is target/zkwatch.jar");
    }

    /** Dockerfile instructions, continuation lines joined and comments dropped. */
    static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1).strip() + " " : line);
            if (!continues) {
                out.add(current.toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return out;
    }

    @Test
    void prometheusConfigPassesPromtoolWithTheRulesWhereComposeMountsThem() throws Exception {
        assumeTrue(PromTool.available(), "promtool is not installed");
        String config = Files.readString(DOCKER.resolve("prometheus/prometheus.yml"));
        String rulesTarget = volumeTarget("prometheus", "../dashboards/alerts");
        assertTrue(config.contains("- " + rulesTarget + "/*.yaml"), "rule_files reads the mounted rules: "
                + rulesTarget);
        // Checked as Prometheus will see it: the container's rule directory is this repository's.
        Path rules = Path.of("dashboards", "alerts").toAbsolutePath();
        Path copy = dir.resolve("prometheus.yml");
        Files.writeString(copy, config.replace(rulesTarget, rules.toString()));
        Run r = run(List.of(System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool"), "check", "config",
                copy.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
        JsonNode prom = YAML.readTree(config);
        JsonNode zkwatchJob = null;
        for (JsonNode job : prom.path("scrape_configs")) {
            if ("zkwatch".equals(job.path("job_name").asText())) {
                zkwatchJob = job;
            }
        }
        assertTrue(zkwatchJob != null, "a zkwatch scrape job");
        assertEquals("zkwatch:9663", zkwatchJob.path("static_configs").get(0).path("targets").get(0).asText());
    }

    static String volumeTarget(String service, String source) throws IOException {
        for (JsonNode v : compose().path("services").path(service).path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError(service + " does not mount " + source);
    }

    @Test
    void alertmanagerConfigPassesAmtool() throws Exception {
        assumeTrue(installed("amtool"), "amtool (package prometheus-alertmanager) is not installed");
        Run r = run(List.of("amtool", "check-config", DOCKER.resolve("alertmanager/alertmanager.yml").toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    void zkwatchConfigIsValidAndListensWherePrometheusScrapes() throws Exception {
        CheckResult check = ConfigLoader.check(DOCKER.resolve("zkwatch/zkwatch.yaml"));
        assertTrue(check.ok(), check.report());
        assertEquals(9663, check.config().orElseThrow().listen().port());
        assertEquals(List.of("compose"), check.config().orElseThrow().ensembleNames());
    }

    @Test
    void zookeeperWhitelistAllowsEveryFourLetterWordZkwatchReads() throws Exception {
        Set<String> needed = Arrays.stream(Command.values()).flatMap(c -> c.fourLetterWord().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        for (String zk : List.of("zk1", "zk2", "zk3")) {
            JsonNode env = compose().path("services").path(zk).path("environment");
            Set<String> allowed = new TreeSet<>(List.of(env.path("ZOO_4LW_COMMANDS_WHITELIST").asText().split(",")));
            assertEquals(needed, allowed, zk);
            assertEquals("true", env.path("ZOO_ADMINSERVER_ENABLED").asText(), zk);
        }
    }

    @Test
    void grafanaProvisionsTheDashboardsFromWhereComposeMountsThem() throws Exception {
        JsonNode provider = YAML.readTree(DOCKER.resolve("grafana/provisioning/dashboards/zkwatch.yaml").toFile())
                .path("providers").get(0);
        assertEquals(volumeTarget("grafana", "../dashboards/grafana"), provider.path("options").path("path").asText());
        assertEquals("/etc/grafana/provisioning", volumeTarget("grafana", "./grafana/provisioning"));
        JsonNode ds = YAML.readTree(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml").toFile())
                .path("datasources").get(0);
        assertEquals("prometheus", ds.path("type").asText());
        assertEquals("http://prometheus:9090", ds.path("url").asText());
        assertTrue(ds.path("isDefault").asBoolean(), "the dashboards' $datasource variable picks the default");
    }
}
