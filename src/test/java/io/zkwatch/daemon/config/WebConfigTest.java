package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.harness.PemExport;
import io.zkwatch.harness.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web configuration file of {@code --web.config.file}: exporter-toolkit's keys, read strictly. */
class WebConfigTest {

    /** From {@code htpasswd -nbBC 10 alice 'wonder land'}. */
    static final String ALICE = "$2y$10$lPiieO4gmSt/ZdnyUCBJa.maZLmcIcxC8vdI.yvFP3n9fjUCra38S";

    @TempDir
    static Path dir;
    static PemExport.Pair server;
    static PemExport.Pair client;
    static Path ca;

    @BeforeAll
    static void pki() {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        server = PemExport.keyPair(pki, pki.serverKeyStore(), dir, "server", PemExport.KeyFormat.PKCS8);
        client = PemExport.keyPair(pki, pki.clientKeyStore(), dir, "client", PemExport.KeyFormat.SEC1);
        ca = PemExport.certificate(pki.caCertificate(), dir, "ca");
    }

    private static WebConfig load(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "web", ".yml");
        Files.writeString(file, yaml);
        return WebConfigReader.load(file);
    }

    private static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static void assertError(List<String> errors, String expected) {
        assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), "expected an error containing <" + expected
                + ">, got " + errors);
    }

    @Test
    void readsTlsWithRelativePathsAndUsers() throws IOException {
        WebConfig c = load("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: ca.crt
                  min_version: TLS13
                basic_auth_users:
                  alice: "%s"
                """.formatted(ALICE));
        WebConfig.TlsServer tls = c.tls().orElseThrow();
        assertEquals(server.certFile().toAbsolutePath().normalize(), tls.certFile());
        assertEquals(WebConfig.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT, tls.clientAuth());
        assertEquals(Optional.of(ca.toAbsolutePath().normalize()), tls.clientCaFile());
        assertEquals(List.of("TLSv1.3"), tls.protocols());
        assertEquals(Map.of("alice", ALICE), c.basicAuthUsers());
    }

    @Test
    void tlsDefaultsToTls12AndUpWithoutClientCertificates() throws IOException {
        WebConfig c = load("tls_server_config: {cert_file: server.crt, key_file: server.key}\n");
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), c.tls().orElseThrow().protocols());
        assertEquals(WebConfig.ClientAuth.NO_CLIENT_CERT, c.tls().orElseThrow().clientAuth());
        assertTrue(c.basicAuthUsers().isEmpty());
    }

    @Test
    void readsSec1AndPkcs8Keys() throws IOException {
        assertTrue(load("tls_server_config: {cert_file: client.crt, key_file: client.key}\n").tls().isPresent(),
                "client.key is SEC1 (BEGIN EC PRIVATE KEY)");
        assertTrue(Files.readString(client.keyFile()).contains("BEGIN EC PRIVATE KEY"));
        assertTrue(Files.readString(server.keyFile()).contains("BEGIN PRIVATE KEY"));
    }

    @Test
    void refusesUnknownKeysNamingThemAndTheAllowedOnes() {
        List<String> errors = errors("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  min_verison: TLS12
                basic_auth_user:
                  alice: x
                """);
        assertError(errors, "tls_server_config.min_verison: unknown key (did you mean min_version?)");
        assertError(errors, "basic_auth_user: unknown key (did you mean basic_auth_users?); allowed keys: "
                + "basic_auth_users, tls_server_config");
    }

    @Test
    void refusesExporterToolkitKeysZkwatchDoesNotImplement() {
        List<String> errors = errors("""
                tls_server_config:
                  cert_file: server.crt
                  key_file: server.key
                  cipher_suites: [TLS_AES_128_GCM_SHA256]
                http_server_config:
                  http2: false
                """);
        assertError(errors, "tls_server_config.cipher_suites: is an exporter-toolkit setting that zkwatch does not "
                + "implement");
        assertError(errors, "http_server_config: is an exporter-toolkit setting that zkwatch does not implement");
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void neverAllowsTlsBelow12() {
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, min_version: TLS11}\n"),
                "tls_server_config.min_version: zkwatch never accepts TLS below 1.2");
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, min_version: TLS10}\n"),
                "below 1.2");
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, min_version: SSL3}\n"),
                "tls_server_config.min_version: \"SSL3\" is not one of TLS12 or TLS13");
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, min_version: TLS13, "
                + "max_version: TLS12}\n"), "tls_server_config.max_version: TLS12 is below min_version TLS13");
    }

    @Test
    void verifyingClientAuthNeedsAClientCaAndOnlyItMayHaveOne() {
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, "
                + "client_auth_type: VerifyClientCertIfGiven}\n"),
                "tls_server_config.client_ca_file: missing; client_auth_type VerifyClientCertIfGiven verifies");
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, "
                + "client_auth_type: RequireAnyClientCert, client_ca_file: ca.crt}\n"),
                "tls_server_config.client_ca_file: is given, but client_auth_type RequireAnyClientCert never verifies");
        assertError(errors("tls_server_config: {cert_file: server.crt, key_file: server.key, "
                + "client_auth_type: RequireClientCert}\n"), "is not one of NoClientCert, RequestClientCert");
    }

    @Test
    void checksThePemFilesNow() throws IOException {
        assertError(errors("tls_server_config: {key_file: server.key}\n"), "tls_server_config.cert_file: missing");
        assertError(errors("tls_server_config: {cert_file: nowhere.crt, key_file: server.key}\n"),
                "nowhere.crt\" does not exist");
        List<String> mismatch = errors("tls_server_config: {cert_file: server.crt, key_file: client.key}\n");
        assertError(mismatch, "tls_server_config.key_file: does not hold the key of the certificate in");
        assertError(errors("tls_server_config: {cert_file: server.key, key_file: server.key}\n"),
                "tls_server_config.cert_file: holds a PEM block that is not a certificate");
        Files.writeString(dir.resolve("empty.crt"), "not pem\n");
        assertError(errors("tls_server_config: {cert_file: empty.crt, key_file: server.key}\n"),
                "tls_server_config.cert_file: holds no PEM certificate");
    }

    @Test
    void refusesWhatIsNotABcryptHashWithoutShowingIt() {
        List<String> errors = errors("basic_auth_users:\n  alice: plain-password-by-mistake\n  \"a:b\": \"" + ALICE
                + "\"\n");
        assertError(errors, "basic_auth_users[\"alice\"]: is not a bcrypt hash");
        assertError(errors, "htpasswd -nBC 10 alice");
        assertError(errors, "basic_auth_users[\"a:b\"]: a user name must be non-empty and hold no colon");
        assertFalse(String.join("\n", errors).contains("plain-password-by-mistake"), errors.toString());
        assertError(errors("basic_auth_users: {}\n"), "basic_auth_users: is empty");
        assertError(errors("basic_auth_users:\n  bob: 42\n"), "basic_auth_users[\"bob\"]: expected a string");
    }

    @Test
    void refusesAnEmptyFile() {
        assertError(errors("# nothing\n"), "the file is empty; give tls_server_config or basic_auth_users");
    }

    @Test
    void knowsBcryptCostsOfEveryVersion() {
        assertEquals(Optional.of(10), WebConfig.bcryptCost(ALICE));
        assertEquals(Optional.of(4),
                WebConfig.bcryptCost("$2a$04$zAjHDG3lCNxj4hUs3GIgPuIxj0Zmhcic6GY3STX6tKnM6HifnAjCy"));
        assertEquals(Optional.empty(), WebConfig.bcryptCost("$1$abc"));
    }

    @Test
    void theDocumentedExampleIsValid() throws IOException {
        Path example = dir.resolve("web-config.example.yml");
        Files.copy(Path.of("docs/web-config.example.yml"), example);
        WebConfig c = WebConfigReader.load(example);
        assertEquals(WebConfig.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT, c.tls().orElseThrow().clientAuth());
        assertEquals(Map.of("prometheus", ALICE), c.basicAuthUsers());
    }
}
