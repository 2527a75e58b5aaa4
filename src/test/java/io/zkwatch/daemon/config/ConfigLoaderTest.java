package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Limits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void minimalFileGetsEveryDocumentedDefault() {
        ZkwatchConfig config = Yaml.load("ensembles:\n  - name: kafka\n    members: [zk1:2181, zk2:2181]\n");

        assertEquals(new HostPort("0.0.0.0", 9663), config.listen());
        EnsembleConfig kafka = config.ensemble("kafka").orElseThrow();
        assertEquals(List.of(new HostPort("zk1", 2181), new HostPort("zk2", 2181)), kafka.addresses());
        EnsembleSettings s = kafka.settings();
        assertEquals(Duration.ofSeconds(15), s.pollInterval());
        assertEquals(Duration.ofMinutes(5), s.dumpInterval());
        assertEquals(0.2, s.dumpJitter());
        assertEquals(Duration.ofMinutes(1), s.dumpMinInterval());
        assertTrue(s.dumps());
        assertEquals(2_000_000L, s.dumpMaxWatches());
        assertFalse(s.allowLargeDumps());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout());
        assertEquals(Duration.ofSeconds(10), s.timeout());
        assertEquals(Duration.ofSeconds(120), s.dumpTimeout());
        assertEquals(1L << 30, s.maxReplyBytes());
        assertEquals(1 << 20, s.maxLineBytes());
        assertEquals(8 << 20, s.memorySpoolBytes());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), s.spoolDir());
        assertEquals(50, s.topN());
        assertEquals(2, s.pathPrefixDepth());
        assertEquals(CommandSource.AUTO, s.source());
        assertTrue(s.discover());
        assertEquals(Redaction.none(), s.redaction());

        MemberEndpoint zk1 = kafka.members().get(0);
        assertEquals(Optional.empty(), zk1.tls());
        AdminEndpoint admin = zk1.admin().orElseThrow();
        assertEquals(URI.create("http://zk1:8080/commands"), admin.baseUri());
        assertEquals(URI.create("http://zk1:8080/commands/watch_summary"), admin.commandUri(Command.WCHS));
        assertEquals(Optional.empty(), admin.authorizationFile());
    }

    @Test
    void everySettingsKeyReachesItsOwnField() throws IOException {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Path key = Files.writeString(dir.resolve("hmac.key"), "k");
        ZkwatchConfig config = Yaml.load("""
                listen: 127.0.0.1:19663
                defaults:
                  poll_interval: 7s
                  dump_interval: 11m
                  dump_jitter: 0.35
                  dump_min_interval: 90s
                  dumps: false
                  dump_max_watches: 12345
                  allow_large_dumps: true
                  connect_timeout: 750ms
                  timeout: 3s
                  dump_timeout: 1h30m
                  max_reply_bytes: 3GiB
                  max_line_bytes: 64KiB
                  memory_spool_bytes: 1000000
                  spool_dir: spool
                  top_n: 7
                  path_prefix_depth: 5
                  source: admin
                  discover: false
                  path_redaction: hmac
                  path_redaction_depth: 3
                  path_redaction_key_file: hmac.key
                  client_redaction: prefix
                  client_redaction_ipv4_prefix: 16
                  client_redaction_ipv6_prefix: 64
                ensembles:
                  - name: a
                    members: [zk1:2181]
                """, new TestEnvironment(), dir);

        assertEquals(new HostPort("127.0.0.1", 19663), config.listen());
        EnsembleSettings expected = new EnsembleSettings(Duration.ofSeconds(7), Duration.ofMinutes(11), 0.35,
                Duration.ofSeconds(90), false, 12345, true, Duration.ofMillis(750), Duration.ofSeconds(3),
                Duration.ofMinutes(90), 3L << 30, 64 << 10, 1_000_000, spool, 7, 5, CommandSource.ADMIN, false,
                new Redaction(RedactionMode.HMAC, 3, Optional.of(key), RedactionMode.PREFIX, 16, 64,
                        Optional.empty()));
        assertEquals(expected, config.ensembles().get(0).settings());
    }

    @Test
    void ensembleKeysOverrideDefaultsAndInheritTheRest() {
        ZkwatchConfig config = Yaml.load("""
                defaults:
                  poll_interval: 20s
                  top_n: 10
                  admin: { port: 8081, commands_path: /zk/commands }
                ensembles:
                  - name: a
                    members: [zk1:2181]
                  - name: b
                    members: [zk9:2181]
                    top_n: 99
                    admin: { scheme: http, port: 9090 }
                """);

        EnsembleSettings a = config.ensemble("a").orElseThrow().settings();
        EnsembleSettings b = config.ensemble("b").orElseThrow().settings();
        assertEquals(Duration.ofSeconds(20), a.pollInterval());
        assertEquals(10, a.topN());
        assertEquals(Duration.ofSeconds(20), b.pollInterval());
        assertEquals(99, b.topN());
        assertEquals(Duration.ofSeconds(10), b.timeout());
        assertEquals(URI.create("http://zk1:8081/zk/commands"),
                config.ensemble("a").orElseThrow().members().get(0).admin().orElseThrow().baseUri());
        assertEquals(URI.create("http://zk9:9090/zk/commands"),
                config.ensemble("b").orElseThrow().members().get(0).admin().orElseThrow().baseUri(),
                "the ensemble's admin block changes only the keys it gives");
    }

    @Test
    void memberOverridesAndTlsResolveIntoEachEndpoint() throws IOException {
        Path keystore = Files.writeString(dir.resolve("client.p12"), "not really a keystore");
        Path pass = Files.writeString(dir.resolve("ks.pass"), "s3cret\n");
        Path trust = Files.writeString(dir.resolve("ca.p12"), "ca");
        Path other = Files.writeString(dir.resolve("other-ca.p12"), "ca2");
        Path auth = Files.writeString(dir.resolve("admin-auth"), "digest root:pw");
        TestEnvironment env = new TestEnvironment().variable("TRUST_PW", "changeit");
        ZkwatchConfig config = Yaml.load("""
                ensembles:
                  - name: secure
                    members: [zk1:2281, "[::1]:2281", ZK3.Example:2281]
                    tls:
                      keystore: client.p12
                      keystore_password_file: ks.pass
                      truststore: ca.p12
                      truststore_password_env: TRUST_PW
                    admin: { scheme: https, port: 8443, authorization_file: admin-auth }
                    member_overrides:
                      "[::1]:2281": { admin_url: "https://proxy.example:9443" }
                      "zk3.example:2281":
                        tls: { truststore: other-ca.p12, hostname_verification: false }
                """, env, dir);

        EnsembleConfig secure = config.ensemble("secure").orElseThrow();
        TlsConfig ensembleTls = new TlsConfig(Optional.of(keystore),
                Optional.of(new PasswordSource.FromFile(pass)), Optional.of(trust),
                Optional.of(new PasswordSource.FromEnv("TRUST_PW")), true);
        TlsConfig ownTls = new TlsConfig(Optional.empty(), Optional.empty(), Optional.of(other), Optional.empty(), false);

        MemberEndpoint zk1 = secure.members().get(0);
        assertEquals(Optional.of(ensembleTls), zk1.tls());
        assertEquals(new AdminEndpoint(URI.create("https://zk1:8443/commands"), Optional.of(auth),
                Optional.of(ensembleTls)), zk1.admin().orElseThrow());

        MemberEndpoint ipv6 = secure.members().get(1);
        assertEquals(new HostPort("::1", 2281), ipv6.address());
        assertEquals(URI.create("https://proxy.example:9443/commands"), ipv6.admin().orElseThrow().baseUri(),
                "an admin_url without a path gets the commands path");

        MemberEndpoint zk3 = secure.members().get(2);
        assertEquals(new HostPort("zk3.example", 2281), zk3.address(), "host names compare case-insensitively");
        assertEquals(Optional.of(ownTls), zk3.tls());
        assertEquals(Optional.of(ownTls), zk3.admin().orElseThrow().tls(),
                "https without admin.tls trusts what the member's own tls trusts");
        assertEquals("s3cret", new String(zk1.tls().orElseThrow().keystorePassword().orElseThrow().read()));
        assertEquals("changeit", new String(zk1.tls().orElseThrow().truststorePassword().orElseThrow()
                .read(name -> Optional.ofNullable(name.equals("TRUST_PW") ? "changeit" : null))));
    }

    @Test
    void discoveredMemberGetsTheEnsemblesTlsAndAdminSettings() {
        ZkwatchConfig config = Yaml.load("""
                ensembles:
                  - name: a
                    members: [zk1:2181]
                    admin: { port: 8099 }
                """);
        EnsembleConfig a = config.ensembles().get(0);

        MemberEndpoint discovered = a.endpointFor(new HostPort("zk4", 2181));

        assertEquals(URI.create("http://zk4:8099/commands"), discovered.admin().orElseThrow().baseUri());
        assertEquals(a.members().get(0), a.endpointFor(new HostPort("ZK1", 2181)));
    }

    @Test
    void disabledAdminLeavesOnlyMembersWithTheirOwnUrl() {
        ZkwatchConfig config = Yaml.load("""
                ensembles:
                  - name: a
                    members: [zk1:2181, zk2:2181]
                    admin: { enabled: false }
                    member_overrides:
                      "zk2:2181": { admin_url: "http://zk2-admin:8080/commands" }
                """);
        List<MemberEndpoint> members = config.ensembles().get(0).members();

        assertEquals(Optional.empty(), members.get(0).admin());
        assertEquals(URI.create("http://zk2-admin:8080/commands"), members.get(1).admin().orElseThrow().baseUri());
    }

    @Test
    void settingsTranslateIntoCollectorLimits() {
        EnsembleSettings s = EnsembleSettings.defaults().toBuilder().dumpTimeout(Duration.ofMinutes(3)).build();

        Limits cheap = s.commandLimits();
        Limits dump = s.dumpLimits();

        assertEquals(Duration.ofSeconds(10), cheap.deadline());
        assertEquals(Duration.ofMinutes(3), dump.deadline());
        assertEquals(s.maxReplyBytes(), dump.maxBytes());
        assertEquals(s.memorySpoolBytes(), cheap.memorySpoolBytes());
    }

    @Test
    void equalFilesGiveEqualConfigurations() {
        String yaml = "ensembles:\n  - name: a\n    members: [zk1:2181]\n";

        assertEquals(Yaml.load(yaml), Yaml.load(yaml));
        assertEquals(Yaml.load(yaml).hashCode(), Yaml.load(yaml).hashCode());
        assertFalse(Yaml.load(yaml).equals(Yaml.load(yaml.replace("zk1", "zk2"))));
    }

    @Test
    void commandLineEnsemblesGetDefaultSettings() {
        ZkwatchConfig config = ConfigLoader.fromCommandLine(
                List.of(InlineEnsemble.parse("kafka=zk1:2181,zk2:2181")), Optional.of(HostPort.parse("[::]:9000")));

        assertEquals(new HostPort("::", 9000), config.listen());
        assertEquals(Yaml.load("ensembles:\n  - name: kafka\n    members: [zk1:2181, zk2:2181]\n").ensembles(),
                config.ensembles(), "--ensemble means the same as the smallest file form");
    }
}
