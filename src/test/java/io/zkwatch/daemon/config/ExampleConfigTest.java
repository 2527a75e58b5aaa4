package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documented example must load, and must document every key, so that it never rots. Its TLS and key
 * files live under /etc/zkwatch on an operator's machine; here those paths are taken as present, and the
 * test checks that exactly the expected files were asked about.
 */
class ExampleConfigTest {
    private static final Path EXAMPLE = Path.of("docs/zkwatch.example.yaml");

    private final TestEnvironment env = new TestEnvironment()
            .variable("ZKWATCH_TRUSTSTORE_PASSWORD", "changeit")
            .pretendFilesExistUnder(Path.of("/etc/zkwatch"));

    @Test
    void documentedExampleLoads() {
        ZkwatchConfig config = env.loader().read(EXAMPLE);

        assertEquals(List.of("kafka", "payments", "search"), config.ensembleNames());
        assertEquals(new TreeSet<>(Set.of("/etc/zkwatch/client.p12", "/etc/zkwatch/client.pass", "/etc/zkwatch/ca.p12",
                "/etc/zkwatch/ca-legacy.p12", "/etc/zkwatch/admin-auth", "/etc/zkwatch/path-hmac.key", "/tmp")),
                new TreeSet<>(env.asked().stream().map(Path::toString).toList()));

        EnsembleConfig kafka = config.ensemble("kafka").orElseThrow();
        assertEquals(EnsembleSettings.defaults().toBuilder().spoolDir(Path.of("/tmp")).build(), kafka.settings(),
                "the defaults block of the example states the built-in defaults");
        assertEquals(FindingThresholds.defaults(), kafka.findings(),
                "the findings block of the example states the built-in defaults");

        EnsembleConfig payments = config.ensemble("payments").orElseThrow();
        assertEquals(Duration.ofSeconds(30), payments.settings().pollInterval());
        assertEquals(FindingThresholds.defaults().toBuilder().skewMinConnections(100).connectionLeakMaxSessions(5000)
                .build(), payments.findings(), "an ensemble's findings block changes only the keys it gives");
        MemberEndpoint proxied = payments.member(HostPort.parse("[2001:db8::13]:2281")).orElseThrow();
        assertEquals(URI.create("https://zkp3-admin.example:9443/zookeeper/commands"),
                proxied.admin().orElseThrow().baseUri());
        assertEquals(Optional.of(Path.of("/etc/zkwatch/ca-legacy.p12")), proxied.tls().orElseThrow().truststore());
        assertEquals(URI.create("https://zkp1.example:8443/commands"),
                payments.members().get(0).admin().orElseThrow().baseUri());

        EnsembleConfig search = config.ensemble("search").orElseThrow();
        assertEquals(RedactionMode.HMAC, search.settings().redaction().paths());
        assertTrue(search.members().stream().allMatch(m -> m.admin().isEmpty()));
    }

    @Test
    void exampleDocumentsEveryKey() throws IOException {
        String text = Files.readString(EXAMPLE);
        Set<String> mentioned = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^[ #-]*([a-z0-9_]+):").matcher(text);
        while (m.find()) {
            mentioned.add(m.group(1));
        }
        Set<String> all = new TreeSet<>();
        all.addAll(ConfigReader.TOP_KEYS);
        all.addAll(ConfigReader.ENSEMBLE_KEYS);
        all.addAll(EndpointReader.ADMIN_KEYS);
        all.addAll(EndpointReader.TLS_KEYS);
        all.addAll(EndpointReader.OVERRIDE_KEYS);
        all.addAll(FindingsReader.keys());

        all.removeAll(mentioned);
        assertEquals(Set.of(), all, "keys the example does not show");
    }
}
