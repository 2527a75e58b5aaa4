package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
    private static final String AB = """
            listen: 0.0.0.0:9663
            ensembles:
              - name: a
                members: [zk1:2181]
              - name: b
                members: [zk2:2181]
            """;

    @TempDir
    Path dir;
    Path file;
    MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @BeforeEach
    void writeFirstVersion() throws IOException {
        file = Files.writeString(dir.resolve("zkwatch.yaml"), AB);
    }

    private ConfigSource source() {
        return ConfigSource.fromFile(file, new TestEnvironment().loader(), clock);
    }

    @Test
    void reloadOfABadFileKeepsTheOldConfigurationAndSaysWhy() throws IOException {
        ConfigSource source = source();
        ZkwatchConfig before = source.current();
        Files.writeString(file, AB.replace("zk2:2181", "zk2:99999").replace("name: b", "name: b\n    top_n: 0"));
        clock.advance(Duration.ofMinutes(1));

        ReloadResult.Rejected rejected = assertInstanceOf(ReloadResult.Rejected.class, source.reload());

        assertSame(before, source.current());
        assertSame(before, rejected.kept());
        assertEquals(List.of("ensembles[1].members[0]", "ensembles[1].top_n"),
                rejected.errors().stream().map(ConfigError::key).toList());
        assertFalse(source.lastReloadSuccessful());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), source.lastSuccessfulReload());
    }

    @Test
    void reloadOfAGoodFileSwapsAndReportsWhatChanged() throws IOException {
        ConfigSource source = source();
        ZkwatchConfig before = source.current();
        Files.writeString(file, """
                listen: 0.0.0.0:9700
                ensembles:
                  - name: b
                    members: [zk2:2181]
                    poll_interval: 30s
                  - name: a
                    members: [zk1:2181]
                  - name: c
                    members: [zk3:2181]
                """);
        clock.advance(Duration.ofMinutes(1));

        ConfigChange change = assertInstanceOf(ReloadResult.Applied.class, source.reload()).change();

        assertEquals(List.of("c"), change.added());
        assertEquals(List.of(), change.removed());
        assertEquals(List.of("b"), change.changed(), "a is equal, only reordered");
        assertTrue(change.listenChanged());
        assertSame(before, change.previous());
        assertSame(source.current(), change.current());
        assertEquals(List.of("b", "a", "c"), source.current().ensembleNames());
        assertTrue(source.lastReloadSuccessful());
        assertEquals(Instant.parse("2025-01-01T00:01:00Z"), source.lastSuccessfulReload());
        assertEquals("added [c]; changed [b]; listen 0.0.0.0:9663 -> 0.0.0.0:9700", change.summary());
    }

    @Test
    void goodReloadAfterABadOneRecovers() throws IOException {
        ConfigSource source = source();
        Files.writeString(file, "ensembles: nope\n");
        assertFalse(source.reload().successful());
        Files.writeString(file, AB.replace("name: b", "name: renamed"));

        ConfigChange change = ((ReloadResult.Applied) source.reload()).change();

        assertTrue(source.lastReloadSuccessful());
        assertEquals(List.of("renamed"), change.added());
        assertEquals(List.of("b"), change.removed());
    }

    @Test
    void reloadOfAnUnchangedFileKeepsTheSameInstance() {
        ConfigSource source = source();
        ZkwatchConfig before = source.current();

        ConfigChange change = ((ReloadResult.Applied) source.reload()).change();

        assertTrue(change.isEmpty());
        assertEquals("no change", change.summary());
        assertSame(before, source.current());
    }

    @Test
    void reloadNoticesAFileThatVanished() throws IOException {
        ConfigSource source = source();
        Files.delete(file);

        ReloadResult.Rejected rejected = (ReloadResult.Rejected) source.reload();

        assertEquals(List.of(new ConfigError("", file + " does not exist")), rejected.errors());
    }

    @Test
    void reloadNoticesANamedFileThatVanished() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.p12"), "x");
        Files.writeString(file, AB + "    tls: {truststore: ca.p12}\n");
        ConfigSource source = source();
        Files.delete(ca);

        ReloadResult.Rejected rejected = (ReloadResult.Rejected) source.reload();

        assertEquals("ensembles[1].tls.truststore", rejected.errors().get(0).key());
    }

    @Test
    void firstLoadMustSucceed() throws IOException {
        Files.writeString(file, "ensembles: []\n");

        assertThrows(ConfigException.class, this::source);
    }

    @Test
    void commandLineSourceReloadsToItself() {
        ZkwatchConfig config = ConfigLoader.fromCommandLine(List.of(InlineEnsemble.parse("a=zk1:2181")),
                Optional.empty());
        ConfigSource source = ConfigSource.fixed(config, clock);

        ReloadResult result = source.reload();

        assertTrue(result.successful());
        assertTrue(((ReloadResult.Applied) result).change().isEmpty());
        assertSame(config, source.current());
        assertEquals(Optional.empty(), source.file());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
