package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionConfigTest {

    private static final String ONE = "ensembles:\n  - name: a\n    members: [zk1:2181]\n";

    @TempDir
    Path dir;

    private static String ensembleWith(String lines) {
        return ONE + lines.indent(4);
    }

    private Path key(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "secret\n");
    }

    private String withKeys(String yaml) {
        return yaml.replace("KEYDIR", dir.toString());
    }

    private Redaction redactionOf(String yaml) {
        return Yaml.load(withKeys(yaml), new TestEnvironment(), dir).ensembles().get(0).settings().redaction();
    }

    @Test
    void defaultsShowEverythingAsItIs() {
        Redaction r = Yaml.load(ONE).ensembles().get(0).settings().redaction();
        assertEquals(Redaction.none(), r);
        assertEquals(RedactionMode.RAW, r.paths());
        assertEquals(RedactionMode.RAW, r.clients());
        assertEquals(1, r.pathDepth());
        assertEquals(24, r.ipv4Prefix());
        assertEquals(48, r.ipv6Prefix());
    }

    @Test
    void readsEveryModeOfPathsAndClients() throws IOException {
        Path p = key("path.key");
        Path c = key("client.key");
        assertEquals(new Redaction(RedactionMode.PREFIX, 3, Optional.empty(), RedactionMode.PREFIX, 16, 56,
                        Optional.empty()),
                redactionOf(ensembleWith("""
                        path_redaction: prefix
                        path_redaction_depth: 3
                        client_redaction: prefix
                        client_redaction_ipv4_prefix: 16
                        client_redaction_ipv6_prefix: 56
                        """)));
        assertEquals(new Redaction(RedactionMode.HMAC, 1, Optional.of(p), RedactionMode.HMAC, 24, 48, Optional.of(c)),
                redactionOf(ensembleWith("""
                        path_redaction: hmac
                        path_redaction_key_file: KEYDIR/path.key
                        client_redaction: hmac
                        client_redaction_key_file: KEYDIR/client.key
                        """)));
        assertEquals(new Redaction(RedactionMode.DROP, 1, Optional.empty(), RedactionMode.DROP, 24, 48,
                        Optional.empty()),
                redactionOf(ensembleWith("path_redaction: drop\nclient_redaction: drop\n")));
    }

    @Test
    void clientHmacWithoutItsOwnKeySharesThePathKey() throws IOException {
        Path p = key("path.key");
        Redaction r = redactionOf(ensembleWith("""
                path_redaction: raw
                client_redaction: hmac
                path_redaction_key_file: KEYDIR/path.key
                """));
        assertEquals(Optional.of(p), r.clientKey());
        assertTrue(r.hidesAnything());
    }

    @Test
    void ensembleInheritsRedactionFromDefaultsAndOverridesSingleKeys() {
        Redaction r = redactionOf("""
                defaults:
                  path_redaction: prefix
                  path_redaction_depth: 2
                  client_redaction: drop
                ensembles:
                  - name: a
                    members: [zk1:2181]
                    path_redaction_depth: 4
                """);
        assertEquals(new Redaction(RedactionMode.PREFIX, 4, Optional.empty(), RedactionMode.DROP, 24, 48,
                Optional.empty()), r);
    }

    @Test
    void theFormerNameNoneIsRefusedWithTheNewName() {
        ConfigError e = Yaml.only(Yaml.errors(ensembleWith("path_redaction: none")), "ensembles[0].path_redaction");
        assertTrue(e.reason().contains("was renamed raw; write raw"), e.reason());
    }

    @Test
    void anUnknownModeListsTheChoices() {
        ConfigError e = Yaml.only(Yaml.errors(ensembleWith("client_redaction: mask")),
                "ensembles[0].client_redaction");
        assertTrue(e.reason().contains("is not one of raw, prefix, hmac or drop"), e.reason());
    }

    @Test
    void anUnquotedOffIsCaughtAsABoolean() {
        ConfigError e = Yaml.only(Yaml.errors(ensembleWith("client_redaction: off")), "ensembles[0].client_redaction");
        assertTrue(e.reason().contains("got a boolean"), e.reason());
    }

    @Test
    void outOfRangeDepthAndPrefixesNameTheirKeysTogether() {
        List<ConfigError> errors = Yaml.errors(ensembleWith("""
                path_redaction_depth: 0
                client_redaction_ipv4_prefix: 33
                client_redaction_ipv6_prefix: 0
                top_n: 0
                """));
        assertEquals("0 is out of range (must be 1-32)",
                Yaml.only(errors, "ensembles[0].path_redaction_depth").reason());
        assertEquals("33 is out of range (must be 1-32)",
                Yaml.only(errors, "ensembles[0].client_redaction_ipv4_prefix").reason());
        assertEquals("0 is out of range (must be 1-128)",
                Yaml.only(errors, "ensembles[0].client_redaction_ipv6_prefix").reason());
        // the other settings' errors are not hidden behind the redaction's
        Yaml.only(errors, "ensembles[0].top_n");
    }

    @Test
    void clientHmacWithoutAnyKeyIsAnError() {
        ConfigError e = Yaml.only(Yaml.errors(ensembleWith("client_redaction: hmac")),
                "ensembles[0].client_redaction_key_file");
        assertTrue(e.reason().startsWith("missing; client_redaction: hmac needs a key file"), e.reason());
    }

    @Test
    void keyFilesForModesThatUseNoneAreErrors() throws IOException {
        key("k");
        List<ConfigError> errors = Yaml.errors(withKeys(ensembleWith("""
                path_redaction: prefix
                path_redaction_key_file: KEYDIR/k
                client_redaction: drop
                client_redaction_key_file: KEYDIR/k
                """)), new TestEnvironment());
        assertTrue(Yaml.only(errors, "ensembles[0].path_redaction_key_file").reason()
                .startsWith("is only used with path_redaction: hmac"));
        assertEquals("is only used with client_redaction: hmac",
                Yaml.only(errors, "ensembles[0].client_redaction_key_file").reason());
    }

    @Test
    void aMissingKeyFileIsNamedByItsKey() {
        ConfigError e = Yaml.only(Yaml.errors(ensembleWith("""
                client_redaction: hmac
                client_redaction_key_file: /nonexistent/zkwatch-client.key
                """)), "ensembles[0].client_redaction_key_file");
        assertTrue(e.reason().contains("does not exist"), e.reason());
    }
}
