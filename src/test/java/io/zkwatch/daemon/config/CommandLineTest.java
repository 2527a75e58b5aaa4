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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @TempDir
    Path dir;

    private static List<ConfigError> errors(String... args) {
        return assertThrows(ConfigException.class, () -> CommandLine.parse(args)).errors();
    }

    @Test
    void repeatedEnsembleFlagsGiveOneEnsembleEach() {
        Invocation.RunInline run = assertInstanceOf(Invocation.RunInline.class, CommandLine.parse(
                "--ensemble", "kafka=zk1:2181,zk2:2181, zk3:2181", "--ensemble=hbase=[::1]:2181", "--listen", "127.0.0.1:9700"));

        assertEquals(List.of(
                new InlineEnsemble("kafka", List.of(HostPort.parse("zk1:2181"), HostPort.parse("zk2:2181"),
                        HostPort.parse("zk3:2181"))),
                new InlineEnsemble("hbase", List.of(new HostPort("::1", 2181)))), run.ensembles());
        assertEquals(Optional.of(new HostPort("127.0.0.1", 9700)), run.listen());
        ZkwatchConfig config = run.openSource().current();
        assertEquals(List.of("kafka", "hbase"), config.ensembleNames());
        assertEquals(new HostPort("127.0.0.1", 9700), config.listen());
    }

    @Test
    void listenDefaultsWhenNotGiven() {
        Invocation.RunInline run = (Invocation.RunInline) CommandLine.parse("--ensemble", "a=zk1:2181");

        assertEquals(ZkwatchConfig.DEFAULT_LISTEN, run.config().listen());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zk1:2181,zk2:2181|is not NAME=HOST:PORT[,HOST:PORT...] (no NAME=)",
        "=zk1:2181|the NAME before = is empty",
        "kafka=|no members after =",
        "kafka=zk1:2181,,zk2:2181|has an empty member",
        "kafka=zk1:2181,|has an empty member",
        "kafka=zk1|has a bad member: \"zk1\" is not a valid host:port (no port",
        "kafka=zk1:99999|has a bad member: \"zk1:99999\" is not a valid host:port (port must be 1-65535)",
        "kafka=zk1:2181/kafka|chroot path (/kafka)",
        "kafka=zk1:2181,ZK1:2181|lists zk1:2181 twice",
        "my kafka=zk1:2181|has a bad name"})
    void badEnsembleSyntaxIsReportedWithTheSpec(String spec, String reason) {
        List<ConfigError> errors = errors("--ensemble", spec);

        assertEquals(1, errors.size(), errors::toString);
        assertEquals("--ensemble", errors.get(0).key());
        assertTrue(errors.get(0).reason().startsWith(Values.quote(spec)), errors.get(0).reason());
        assertTrue(errors.get(0).reason().contains(reason), errors.get(0).reason());
    }

    @Test
    void everyBadFlagIsReportedTogether() {
        List<ConfigError> errors = errors("--ensemble", "a", "--ensemble", "b=zk1:0", "--listen", "here", "--colour");

        assertEquals(List.of("--ensemble", "--ensemble", "--listen", "--colour"),
                errors.stream().map(ConfigError::key).toList());
    }

    @Test
    void twoEnsemblesMayShareNeitherNameNorMember() {
        List<ConfigError> errors = errors("--ensemble", "a=zk1:2181", "--ensemble", "a=zk2:2181",
                "--ensemble", "b=zk2:2181");

        assertEquals(List.of(new ConfigError("--ensemble", "the name \"a\" is given twice"),
                new ConfigError("--ensemble", "zk2:2181 is a member of both \"a\" and \"b\"")), errors);
    }

    @Test
    void configFlagGivesAReloadableFileSource() throws IOException {
        Path file = Files.writeString(dir.resolve("z.yaml"), "ensembles:\n  - name: a\n    members: [zk1:2181]\n");

        Invocation.RunFromFile run = assertInstanceOf(Invocation.RunFromFile.class,
                CommandLine.parse("--config=" + file));
        ConfigSource source = run.openSource();

        assertEquals(file, run.file());
        assertEquals(Optional.of(file), source.file());
        assertEquals(List.of("a"), source.current().ensembleNames());
    }

    @Test
    void configFileWithErrorsFailsToOpenWithAllOfThem() throws IOException {
        Path file = Files.writeString(dir.resolve("z.yaml"), "ensembles:\n  - name: a\n    members: [zk1]\n    top_n: 0\n");
        Invocation.Run run = (Invocation.Run) CommandLine.parse("--config", file.toString());

        assertEquals(2, assertThrows(ConfigException.class, run::openSource).errors().size());
    }

    @Test
    void checkConfigOfAGoodFileSaysOkWithTheCount() throws IOException {
        Path file = Files.writeString(dir.resolve("good.yaml"),
                "ensembles:\n  - name: a\n    members: [zk1:2181]\n  - name: b\n    members: [zk2:2181]\n");

        CheckResult result = assertInstanceOf(Invocation.CheckConfig.class,
                CommandLine.parse("--check-config", file.toString())).check();

        assertEquals("OK: 2 ensembles", result.report());
        assertEquals(0, result.exitCode());
        assertEquals(List.of("a", "b"), result.config().orElseThrow().ensembleNames());
    }

    @Test
    void checkConfigOfABadFileListsEveryError() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"),
                "ensembles:\n  - name: a\n    members: [zk1:99999]\n    top_n: 0\n");

        CheckResult result = ((Invocation.CheckConfig) CommandLine.parse("--check-config", file.toString())).check();

        assertEquals(1, result.exitCode());
        assertEquals(file + ": 2 errors\n"
                + "  ensembles[0].members[0]: \"zk1:99999\" is not a valid host:port (port must be 1-65535)\n"
                + "  ensembles[0].top_n: 0 is out of range (must be 1-1000)", result.report());
    }

    @Test
    void checkConfigOfAMissingFileSaysSo() {
        Path missing = dir.resolve("nope.yaml");

        CheckResult result = ((Invocation.CheckConfig) CommandLine.parse("--check-config", missing.toString())).check();

        assertEquals(1, result.exitCode());
        assertEquals(List.of(new ConfigError("", missing + " does not exist")), result.errors());
    }

    @Test
    void checkConfigOfASingleEnsembleUsesTheSingular() throws IOException {
        Path file = Files.writeString(dir.resolve("one.yaml"), "ensembles:\n  - name: a\n    members: [zk1:2181]\n");

        assertEquals("OK: 1 ensemble", ConfigLoader.check(file).report());
    }

    @Test
    void demoTakesAnOptionalListenAddress() {
        assertEquals(new Invocation.Demo(Optional.empty()), CommandLine.parse("demo"));
        assertEquals(new Invocation.Demo(Optional.of(new HostPort("127.0.0.1", 9999))),
                CommandLine.parse("demo", "--listen", "127.0.0.1:9999"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help", "help"})
    void helpWinsOverEverythingElse(String flag) {
        assertEquals(new Invocation.Help(), CommandLine.parse("--config", "x.yaml", flag));
        assertEquals(new Invocation.Help(), CommandLine.parse("--bogus", flag));
    }

    @Test
    void versionIsRecognised() {
        assertEquals(new Invocation.Version(), CommandLine.parse("--version"));
        assertEquals(new Invocation.Version(), CommandLine.parse("-V"));
    }

    @Test
    void usageNamesEveryForm() {
        String usage = CommandLine.usage();

        for (String form : List.of("--ensemble NAME=HOST:PORT", "--config FILE", "--check-config FILE", "demo",
                "--listen HOST:PORT", "--help", "--version", "0.0.0.0:9663")) {
            assertTrue(usage.contains(form), form);
        }
    }

    @Test
    void modesCannotBeMixed() {
        assertEquals(List.of(new ConfigError("arguments",
                "choose one of --ensemble, --config, --check-config and demo")),
                errors("--config", "a.yaml", "--ensemble", "a=zk1:2181"));
        assertEquals("arguments", errors("demo", "--check-config", "a.yaml").get(0).key());
    }

    @Test
    void listenBelongsInTheFileWhenAFileIsGiven() {
        assertEquals(List.of(new ConfigError("--listen", "cannot be combined with --config; set listen: in the file")),
                errors("--config", "a.yaml", "--listen", "0.0.0.0:1"));
    }

    @Test
    void noArgumentsAtAllRunTheDemo() {
        assertEquals(new Invocation.Demo(Optional.empty()), CommandLine.parse());
    }

    @Test
    void nothingToWatchIsAnErrorThatSuggestsTheForms() {
        List<ConfigError> errors = errors("--listen", "127.0.0.1:9999");

        assertEquals("arguments", errors.get(0).key());
        assertTrue(errors.get(0).reason().contains("--config FILE or --ensemble"), errors.get(0).reason());
    }

    @Test
    void flagsWithoutValuesUnknownFlagsAndStrayArgumentsAreReported() {
        assertEquals(List.of(new ConfigError("--config", "needs a value")), errors("--config"));
        assertEquals(List.of(new ConfigError("--config", "needs a value"), new ConfigError("--listen", "needs a value")),
                errors("--config", "--listen"));
        assertEquals(List.of(new ConfigError("--ensembles", "unknown option; did you mean --ensemble?")),
                errors("--ensembles", "a=zk1:2181"));
        assertEquals(List.of(new ConfigError("--config", "is given more than once")),
                errors("--config", "a.yaml", "--config", "b.yaml"));
        assertEquals(List.of(new ConfigError("demo", "unexpected argument; demo must come first")),
                errors("--listen", "0.0.0.0:1", "demo"));
    }
}
