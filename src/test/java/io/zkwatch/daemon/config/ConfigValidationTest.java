package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidationTest {

    private static final String ONE = "ensembles:\n  - name: a\n    members: [zk1:2181]\n";

    /** One ensemble with extra lines at ensemble level (indented four spaces). */
    private static String ensembleWith(String lines) {
        return ONE + lines.indent(4);
    }

    private static String defaultsWith(String lines) {
        return "defaults:\n" + lines.indent(2) + ONE;
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(ensembleWith("top_n: 0"), "ensembles[0].top_n", "0 is out of range (must be 1-1000)"),
                Arguments.of(ensembleWith("top_n: 1001"), "ensembles[0].top_n", "1001 is out of range (must be 1-1000)"),
                Arguments.of(ensembleWith("top_n: 5.5"), "ensembles[0].top_n", "expected a whole number, got the number 5.5"),
                Arguments.of(ensembleWith("top_n: '50'"), "ensembles[0].top_n", "expected a whole number, got the string \"50\""),
                Arguments.of(ensembleWith("path_prefix_depth: 33"), "ensembles[0].path_prefix_depth",
                        "33 is out of range (must be 1-32)"),
                Arguments.of(ensembleWith("exact_paths: 10"), "ensembles[0].exact_paths",
                        "10 is out of range (must be 100-5000000)"),
                Arguments.of(defaultsWith("exact_prefixes: 2000000"), "defaults.exact_prefixes",
                        "2000000 is out of range (must be 100-1000000)"),
                Arguments.of(defaultsWith("poll_interval: 15"), "defaults.poll_interval", "\"15\" has no unit"),
                Arguments.of(defaultsWith("poll_interval: 15x"), "defaults.poll_interval", "\"15x\" is not a duration"),
                Arguments.of(defaultsWith("poll_interval: 500ms"), "defaults.poll_interval",
                        "500ms is too short (must be at least 1s)"),
                Arguments.of(defaultsWith("timeout: 1s"), "defaults.timeout", "1s is shorter than connect_timeout (2s)"),
                Arguments.of(defaultsWith("dump_timeout: 1s\nconnect_timeout: 5s\ntimeout: 5s"), "defaults.dump_timeout",
                        "1s is shorter than connect_timeout (5s)"),
                Arguments.of(ensembleWith("dump_interval: 30s"), "ensembles[0].dump_interval",
                        "30s is shorter than dump_min_interval (1m)"),
                Arguments.of(ensembleWith("dump_jitter: 0.7"), "ensembles[0].dump_jitter", "0.7 is out of range (must be 0-0.5)"),
                Arguments.of(ensembleWith("dump_jitter: lots"), "ensembles[0].dump_jitter", "expected a number"),
                Arguments.of(ensembleWith("dump_max_watches: 0"), "ensembles[0].dump_max_watches",
                        "0 is out of range (must be at least 1)"),
                Arguments.of(ensembleWith("max_reply_bytes: lots"), "ensembles[0].max_reply_bytes", "\"lots\" is not a size"),
                Arguments.of(ensembleWith("max_reply_bytes: 5XB"), "ensembles[0].max_reply_bytes",
                        "\"5XB\" has an unknown unit \"XB\""),
                Arguments.of(ensembleWith("max_line_bytes: 4GiB"), "ensembles[0].max_line_bytes", "\"4GiB\" is too large"),
                Arguments.of(ensembleWith("dumps: 'yes please'"), "ensembles[0].dumps", "expected true or false"),
                Arguments.of(ensembleWith("source: sometimes"), "ensembles[0].source",
                        "\"sometimes\" is not one of auto, 4lw or admin"),
                Arguments.of(ensembleWith("path_redaction: off"), "ensembles[0].path_redaction",
                        "got a boolean (YAML reads unquoted yes, no, on and off as booleans)"),
                Arguments.of(ensembleWith("path_redaction: hmac"), "ensembles[0].path_redaction_key_file",
                        "missing; path_redaction: hmac needs a key file"),
                Arguments.of(ensembleWith("spool_dir: /nonexistent/zkwatch-spool"), "ensembles[0].spool_dir",
                        "\"/nonexistent/zkwatch-spool\" does not exist"),
                Arguments.of("listen: 0.0.0.0\n" + ONE, "listen", "\"0.0.0.0\" is not a valid host:port (no port"),
                Arguments.of("ensembles:\n  - name: a\n    members: [zk1, zk2:2181]\n", "ensembles[0].members[0]",
                        "\"zk1\" is not a valid host:port (no port"),
                Arguments.of("ensembles:\n  - name: a\n    members: ['::1:2181']\n", "ensembles[0].members[0]",
                        "an IPv6 address needs brackets"),
                Arguments.of("ensembles:\n  - name: a\n    members: [zk1:2181/kafka]\n", "ensembles[0].members[0]",
                        "it has a chroot path (/kafka)"),
                Arguments.of("ensembles:\n  - name: a\n    members: [2181]\n", "ensembles[0].members[0]",
                        "expected a string, got the number 2181"),
                Arguments.of("ensembles:\n  - name: a\n    members: [zk1:2181, ZK1:2181]\n", "ensembles[0].members[1]",
                        "\"zk1:2181\" is listed twice (also at ensembles[0].members[0])"),
                Arguments.of("ensembles:\n  - name: a\n    members: []\n", "ensembles[0].members", "is empty"),
                Arguments.of("ensembles:\n  - name: a\n", "ensembles[0].members", "missing; list the servers"),
                Arguments.of("ensembles:\n  - members: [zk1:2181]\n", "ensembles[0].name", "missing; give the ensemble a name"),
                Arguments.of("ensembles:\n  - name: 'bad name'\n    members: [zk1:2181]\n", "ensembles[0].name",
                        "\"bad name\" is not a valid ensemble name"),
                Arguments.of(ONE + "  - name: a\n    members: [zk2:2181]\n", "ensembles[1].name",
                        "\"a\" is already the name of ensembles[0]"),
                Arguments.of(ONE + "  - name: b\n    members: [zk1:2181]\n", "ensembles[1].members[0]",
                        "\"zk1:2181\" is already a member of ensemble \"a\""),
                Arguments.of("ensembles: []\n", "ensembles", "is empty; list at least one ensemble"),
                Arguments.of("listen: 0.0.0.0:9663\n", "ensembles", "missing; list at least one ensemble"),
                Arguments.of("ensembles: {a: 1}\n", "ensembles", "expected a list, got a mapping"),
                Arguments.of("defaults: [1]\n" + ONE, "defaults", "expected a mapping of keys, got a list"),
                Arguments.of(ensembleWith("tls:"), "ensembles[0].tls", "has no value; give one or remove the key"),
                Arguments.of(ensembleWith("tls: {keystore: /nonexistent/client.p12, keystore_password_env: X}"),
                        "ensembles[0].tls.keystore", "\"/nonexistent/client.p12\" does not exist"),
                Arguments.of(ensembleWith("tls: {keystore: /dev/null}"), "ensembles[0].tls.keystore",
                        "needs a password: add keystore_password_file or keystore_password_env"),
                Arguments.of(ensembleWith("tls: {truststore_password_env: HOME}"), "ensembles[0].tls.truststore",
                        "missing, but a truststore password is given"),
                Arguments.of(ensembleWith("admin: {scheme: ftp}"), "ensembles[0].admin.scheme",
                        "\"ftp\" is not a scheme zkwatch speaks (use http or https)"),
                Arguments.of(ensembleWith("admin: {port: 70000}"), "ensembles[0].admin.port",
                        "70000 is out of range (must be 1-65535)"),
                Arguments.of(defaultsWith("admin: {commands_path: commands}"), "defaults.admin.commands_path",
                        "\"commands\" is not a URL path"),
                Arguments.of(ensembleWith("admin: {tls: {}}"), "ensembles[0].admin.tls", "is only used with scheme: https"),
                Arguments.of(ensembleWith("member_overrides: {'zk9:2181': {admin_url: 'http://x:1'}}"),
                        "ensembles[0].member_overrides[\"zk9:2181\"]", "is not a member of this ensemble (members: zk1:2181)"),
                Arguments.of(ensembleWith("member_overrides: {'zk1': {}}"), "ensembles[0].member_overrides[\"zk1\"]",
                        "\"zk1\" is not a valid host:port"),
                Arguments.of(ensembleWith("member_overrides: {'zk1:2181': {admin_url: 'ftp://zk1/'}}"),
                        "ensembles[0].member_overrides[\"zk1:2181\"].admin_url",
                        "\"ftp://zk1/\" is not an http or https URL"),
                Arguments.of(ensembleWith("source: admin\nadmin: {enabled: false}"), "ensembles[0].source",
                        "admin needs an AdminServer, but zk1:2181 has none"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badValues")
    void badValueIsReportedWithItsKeyAndReason(String yaml, String key, String reason) {
        ConfigError error = Yaml.only(Yaml.errors(yaml, new TestEnvironment().variable("HOME", "/root")), key);

        assertTrue(error.reason().contains(reason), () -> "reason of " + key + " was: " + error.reason());
    }

    @Test
    void portOutOfRangeNamesTheMemberExactly() {
        List<ConfigError> errors = Yaml.errors(ONE + "  - name: b\n    members: [zk1:99999]\n");

        assertEquals(List.of(new ConfigError("ensembles[1].members[0]",
                "\"zk1:99999\" is not a valid host:port (port must be 1-65535)")), errors);
        assertEquals("ensembles[1].members[0]: \"zk1:99999\" is not a valid host:port (port must be 1-65535)",
                errors.get(0).toString());
    }

    @Test
    void spoolDirThatIsAFileIsRejected(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");

        ConfigError error = Yaml.only(Yaml.errors(defaultsWith("spool_dir: " + file)), "defaults.spool_dir");

        assertTrue(error.reason().endsWith("is not a directory"), error.reason());
    }

    @Test
    void namedFileThatIsADirectoryIsRejected(@TempDir Path dir) {
        List<ConfigError> errors = Yaml.errors(ensembleWith("tls: {truststore: " + dir + "}"));

        assertTrue(Yaml.only(errors, "ensembles[0].tls.truststore").reason().endsWith("is a directory, not a file"));
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                Arguments.of("lisen: 0.0.0.0:1\n" + ONE, "lisen", "(did you mean listen?)", ConfigReader.TOP_KEYS),
                Arguments.of(defaultsWith("pol_interval: 1s"), "defaults.pol_interval", "(did you mean poll_interval?)",
                        ConfigReader.DEFAULTS_KEYS),
                Arguments.of(defaultsWith("name: x"), "defaults.name", "", ConfigReader.DEFAULTS_KEYS),
                Arguments.of(defaultsWith("admin: {prot: 1}"), "defaults.admin.prot", "(did you mean port?)",
                        EndpointReader.ADMIN_KEYS),
                Arguments.of(ensembleWith("member: [zk2:2181]"), "ensembles[0].member", "(did you mean members?)",
                        ConfigReader.ENSEMBLE_KEYS),
                Arguments.of(ensembleWith("admin: {url: x}"), "ensembles[0].admin.url", "", EndpointReader.ADMIN_KEYS),
                Arguments.of(ensembleWith("tls: {keystor: x}"), "ensembles[0].tls.keystor", "(did you mean keystore?)",
                        EndpointReader.TLS_KEYS),
                Arguments.of(ensembleWith("member_overrides: {'zk1:2181': {adminurl: x}}"),
                        "ensembles[0].member_overrides[\"zk1:2181\"].adminurl", "(did you mean admin_url?)",
                        EndpointReader.OVERRIDE_KEYS),
                Arguments.of(ensembleWith("member_overrides: {'zk1:2181': {tls: {trustore: x}}}"),
                        "ensembles[0].member_overrides[\"zk1:2181\"].tls.trustore", "(did you mean truststore?)",
                        EndpointReader.TLS_KEYS));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unknownKeys")
    void unknownKeyIsRejectedWithTheAllowedKeys(String yaml, String key, String hint, Set<String> allowed) {
        ConfigError error = Yaml.only(Yaml.errors(yaml), key);

        String list = allowed.stream().sorted().collect(Collectors.joining(", "));
        assertEquals("unknown key" + (hint.isEmpty() ? "" : " " + hint) + "; allowed keys: " + list, error.reason());
    }

    @Test
    void allowedKeysOfAnEnsembleIncludeEveryDefaultsKey() {
        assertTrue(ConfigReader.ENSEMBLE_KEYS.containsAll(ConfigReader.DEFAULTS_KEYS));
    }

    @Test
    void everyErrorInTheFileIsReportedTogether() {
        List<ConfigError> errors = Yaml.errors("""
                listen: nowhere
                colour: blue
                defaults:
                  top_n: 0
                  timeout: ten
                ensembles:
                  - name: a
                    members: [zk1:2181, zk2:0]
                    tls: {keystore: /nonexistent/ks.p12, keystore_password_env: UNSET_VARIABLE}
                  - name: a
                    members: [zk3:2181]
                    dump_jitter: 2
                """);

        // Unknown keys of a mapping are reported first, then its values, in file order.
        assertEquals(List.of("colour", "listen", "defaults.timeout", "defaults.top_n", "ensembles[0].members[1]",
                "ensembles[0].tls.keystore", "ensembles[0].tls.keystore_password_env", "ensembles[1].name",
                "ensembles[1].dump_jitter"), errors.stream().map(ConfigError::key).toList(), Yaml.render(errors));
    }

    @Test
    void aValueThatFailedToParseIsNotBlamedAgainByTheRecord() {
        List<ConfigError> errors = Yaml.errors(defaultsWith("timeout: ten\nconnect_timeout: 1s"));

        assertEquals(1, errors.size(), Yaml.render(errors));
        assertEquals("defaults.timeout", errors.get(0).key());
    }

    static Stream<Arguments> brokenYaml() {
        return Stream.of(
                Arguments.of("ensembles:\n  - name: a\n\tmembers: [zk1:2181]\n", "YAML syntax error at line 3, column 1:"),
                Arguments.of("ensembles:\n  - name: a\n    members: [zk1:2181\n", "YAML syntax error at line 4"),
                Arguments.of("listen: a: b\n", "YAML syntax error at line 1, column 10: mapping values are not allowed"),
                Arguments.of("listen: 0.0.0.0:1\nlisten: 0.0.0.0:2\n" + ONE,
                        "YAML error at line 2: the key \"listen\" is given twice in one mapping"),
                Arguments.of("defaults: &d {top_n: 3}\nx: *d\n" + ONE, "YAML aliases (*name) are not supported"),
                Arguments.of(ONE + "---\n" + ONE, "more than one YAML document"),
                Arguments.of("", "the file is empty"),
                Arguments.of("# only a comment\n", "the file is empty"),
                Arguments.of("- a\n- b\n", "expected a mapping of keys, got a list"));
    }

    @ParameterizedTest
    @MethodSource("brokenYaml")
    void yamlThatIsNotAMappingOfKeysIsRejectedWithWhere(String yaml, String reason) {
        List<ConfigError> errors = Yaml.errors(yaml);

        assertEquals(1, errors.size(), Yaml.render(errors));
        assertTrue(errors.get(0).reason().contains(reason), errors.get(0).reason());
    }
}
