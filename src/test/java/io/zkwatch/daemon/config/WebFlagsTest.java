package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --web.config.file} and {@code --web.max-requests}, beside --config and --ensemble. */
class WebFlagsTest {

    @TempDir
    Path dir;

    private static List<ConfigError> errors(String... args) {
        return assertThrows(ConfigException.class, () -> CommandLine.parse(args)).errors();
    }

    @Test
    void bothRunModesTakeTheWebFlags() {
        Invocation.RunFromFile file = assertInstanceOf(Invocation.RunFromFile.class, CommandLine.parse(
                "--config", "zkwatch.yaml", "--web.config.file", "web.yml", "--web.max-requests=5"));
        assertEquals(new WebOptions(Optional.of(Path.of("web.yml")), 5), file.web());
        Invocation.RunInline inline = assertInstanceOf(Invocation.RunInline.class, CommandLine.parse(
                "--ensemble", "a=zk1:2181", "--web.config.file=web.yml"));
        assertEquals(new WebOptions(Optional.of(Path.of("web.yml")), WebOptions.DEFAULT_MAX_REQUESTS), inline.web());
    }

    @Test
    void withoutFlagsTheEndpointIsOpenWithTheDefaultLimit() {
        Invocation.Run run = (Invocation.Run) CommandLine.parse("--config", "zkwatch.yaml");
        assertEquals(WebOptions.defaults(), run.web());
        assertEquals(WebConfig.open(), run.web().load());
        assertEquals(40, WebOptions.DEFAULT_MAX_REQUESTS);
        assertEquals(0, ((Invocation.Run) CommandLine.parse("--config", "z.yaml", "--web.max-requests", "0"))
                .web().maxRequests(), "0 turns the limit off");
    }

    @Test
    void badValuesAndMisplacedFlagsAreReported() {
        assertEquals(List.of(new ConfigError("--web.max-requests", "\"-1\" is out of range (0 for no limit, else "
                + "at most 100000)")), errors("--config", "z.yaml", "--web.max-requests=-1"));
        assertEquals(List.of(new ConfigError("--web.max-requests", "\"many\" is not a whole number")),
                errors("--config", "z.yaml", "--web.max-requests", "many"));
        assertEquals(List.of(new ConfigError("--web.config.file", "applies only when zkwatch serves or checks, with "
                + "--config, --ensemble or --check-config")), errors("demo", "--web.config.file", "w.yml"));
        assertEquals(List.of(new ConfigError("--web.max-requests", "applies only when zkwatch serves, with --config "
                + "or --ensemble")), errors("--check-config", "z.yaml", "--web.max-requests", "3"));
        assertEquals("--web.config.file", errors("--config", "z.yaml", "--web.config.file", "a",
                "--web.config.file", "b").get(0).key());
        List<ConfigError> typo = errors("--config", "z.yaml", "--web.config-file", "w.yml");
        assertTrue(typo.get(0).reason().contains("did you mean --web.config.file?"), typo.toString());
    }

    @Test
    void aBrokenWebConfigFileFailsToLoadWithItsErrors() {
        WebOptions web = new WebOptions(Optional.of(Path.of("does-not-exist-web.yml")), 40);
        ConfigException e = assertThrows(ConfigException.class, web::load);
        assertTrue(e.getMessage().contains("does-not-exist-web.yml does not exist"), e.getMessage());
        assertTrue(CommandLine.usage().contains("--web.config.file FILE"));
        assertTrue(CommandLine.usage().contains("--web.max-requests N"));
    }
    @Test
    void checkConfigAlsoChecksTheWebConfigFileGivenWithIt() throws IOException {
        Path config = Files.writeString(dir.resolve("zkwatch.yaml"), "ensembles:\n  - name: a\n    members: [zk1:2181]\n");
        Path good = Files.writeString(dir.resolve("good-web.yml"),
                "basic_auth_users:\n  alice: '" + WebConfigTest.ALICE + "'\n");
        Path bad = Files.writeString(dir.resolve("bad-web.yml"),
                "basic_auth_users:\n  alice: not-a-hash\ntls_server_config:\n  min_version: TLS11\n");

        CheckResult ok = assertInstanceOf(Invocation.CheckConfig.class, CommandLine.parse(
                "--check-config", config.toString(), "--web.config.file", good.toString())).check();
        assertEquals("OK: 1 ensemble", ok.report());

        CheckResult failed = ((Invocation.CheckConfig) CommandLine.parse(
                "--check-config", config.toString(), "--web.config.file", bad.toString())).check();
        assertEquals(1, failed.exitCode());
        assertTrue(failed.errors().size() >= 2, failed.report());
        assertTrue(failed.errors().stream().allMatch(e -> e.key().startsWith("--web.config.file.")), failed.report());
        assertTrue(failed.report().contains("--web.config.file.basic_auth_users[\"alice\"]"), failed.report());
        assertTrue(failed.report().contains("--web.config.file.tls_server_config.min_version"), failed.report());
        assertTrue(!failed.report().contains("not-a-hash"), "a hash value is never echoed: " + failed.report());
    }
}
