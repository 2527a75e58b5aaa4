package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration errors end up in logs, terminals and CI output: no secret may ever appear in them. */
class SecretsTest {
    private static final String SECRET = "Hunter2-s3cr3t";

    @TempDir
    Path dir;

    private static String tls(String lines) {
        return "ensembles:\n  - name: a\n    members: [zk1:2181]\n    tls:\n" + lines.indent(6);
    }

    static Stream<Arguments> leaks() {
        return Stream.of(
                Arguments.of("inline keystore password", tls("keystore: /dev/null\nkeystore_password: " + SECRET),
                        "ensembles[0].tls.keystore_password"),
                Arguments.of("inline truststore password", tls("truststore_password: " + SECRET),
                        "ensembles[0].tls.truststore_password"),
                Arguments.of("password written where its file goes",
                        tls("keystore: /dev/null\nkeystore_password_file: " + SECRET), "ensembles[0].tls.keystore_password_file"),
                Arguments.of("password written where its variable goes",
                        tls("keystore: /dev/null\nkeystore_password_env: " + SECRET), "ensembles[0].tls.keystore_password_env"),
                Arguments.of("numeric password where its variable goes",
                        tls("keystore: /dev/null\nkeystore_password_env: 20250101"), "ensembles[0].tls.keystore_password_env"),
                Arguments.of("misspelt password key", tls("keystore_passwd: " + SECRET), "ensembles[0].tls.keystore_passwd"),
                Arguments.of("credentials in an admin URL",
                        "ensembles:\n  - name: a\n    members: [zk1:2181]\n    member_overrides:\n"
                                + "      'zk1:2181': {admin_url: 'https://root:" + SECRET + "@zk1:8443/commands?x=1'}\n",
                        "ensembles[0].member_overrides[\"zk1:2181\"].admin_url"),
                Arguments.of("credentials in a URL that is not even a URL",
                        "ensembles:\n  - name: a\n    members: [zk1:2181]\n    member_overrides:\n"
                                + "      'zk1:2181': {admin_url: 'https://root:" + SECRET + "@zk1:84 43'}\n",
                        "ensembles[0].member_overrides[\"zk1:2181\"].admin_url"),
                Arguments.of("header value where the authorization file goes",
                        "ensembles:\n  - name: a\n    members: [zk1:2181]\n    admin: {authorization_file: 'digest "
                                + SECRET + "'}\n", "ensembles[0].admin.authorization_file"),
                Arguments.of("syntax error on the line of a password",
                        tls("keystore_password_file: \"" + SECRET), ""),
                Arguments.of("password given twice", tls("truststore_password: " + SECRET + "\ntruststore_password: "
                        + SECRET), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaks")
    void errorTextNeverContainsTheSecret(String what, String yaml, String key) throws IOException {
        TestEnvironment env = new TestEnvironment().variable("SET_VARIABLE", "x");
        ConfigException e = assertThrows(ConfigException.class, () -> env.loader().parse(yaml, Optional.empty()));
        Path file = Files.writeString(dir.resolve("zkwatch.yaml"), yaml);
        CheckResult check = env.loader().checkFile(file);

        assertTrue(e.errors().stream().anyMatch(err -> err.key().equals(key)), () -> "no error at " + key + ":\n"
                + Yaml.render(e.errors()));
        for (String text : new String[] {e.getMessage(), e.toString(), Yaml.render(e.errors()), check.report()}) {
            assertFalse(text.contains(SECRET), () -> what + " leaked:\n" + text);
            assertFalse(text.contains("20250101"), () -> what + " leaked:\n" + text);
        }
    }
}
