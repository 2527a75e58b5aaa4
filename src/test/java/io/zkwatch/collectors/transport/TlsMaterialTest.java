package io.zkwatch.collectors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.transport.TlsMaterial.StoreType;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @TempDir
    static Path dir;

    private static TestPki pki;

    @BeforeAll
    static void createCa() throws Exception {
        pki = TestPki.newCa("material-test-ca");
    }

    @Test
    void buildsAWorkingClientContextFromAnUnencryptedPemKeyAndACaPem() throws Exception {
        TlsMaterial material = TlsMaterial.builder()
                .keyStore(TestPki.writePem(pki.client(), dir.resolve("plain-client.pem"), false), new char[0])
                .trustStore(pki.writeCaPem(dir.resolve("plain-ca.pem")), new char[0])
                .build();
        Limits limits = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(10), 1 << 20, 1 << 20, 1 << 20, dir);
        try (FakeServer server = FakeServer.tls(pki.serverContext(pki.server()), true, FakeServer.replyWith("imok"));
             Reply reply = Transports.fourLetterTls("127.0.0.1", server.port(), TlsSettings.of(material), limits)
                     .fetch(Command.RUOK)) {
            assertEquals(4, reply.size());
        }
    }

    @Test
    void reportsAWrongKeyStorePassword() throws Exception {
        Path store = TestPki.writeKeyStore(pki.client(), dir.resolve("pw.p12"), "PKCS12");
        TlsMaterial material = TlsMaterial.builder().keyStore(store, "wrong".toCharArray()).build();
        assertThrows(IOException.class, material::sslContext);
    }

    @Test
    void refusesOldStylePemKeysWithTheCommandThatConvertsThem() throws Exception {
        Path pem = dir.resolve("sec1.pem");
        TestPki.Identity client = pki.client();
        try (Writer writer = Files.newBufferedWriter(pem); JcaPEMWriter out = new JcaPEMWriter(writer)) {
            out.writeObject(client.keys().getPrivate()); // "EC PRIVATE KEY" (SEC1), not PKCS#8
            out.writeObject(client.certificate());
        }
        TlsMaterial material = TlsMaterial.builder().keyStore(pem, new char[0]).build();
        KeyStoreException e = assertThrows(KeyStoreException.class, material::sslContext);
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e::getMessage);
    }

    @Test
    void refusesAPemFileWithoutCertificates() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        TlsMaterial material = TlsMaterial.builder().trustStore(empty, new char[0]).build();
        assertThrows(KeyStoreException.class, material::sslContext);
    }

    @Test
    void buildsAFreshContextOnEveryCall() throws Exception {
        TlsMaterial material = TlsMaterial.builder()
                .trustStore(pki.writeTrustStore(dir.resolve("fresh.p12"), "PKCS12"), TestPki.PASSWORD).build();
        assertNotSame(material.sslContext(), material.sslContext());
    }

    @Test
    void reloadsOnlyWhenAFileChangesAndRetriesAfterAFailedReload() throws Exception {
        Path keyStore = TestPki.writeKeyStore(pki.client(), dir.resolve("rotating.p12"), "PKCS12");
        Path trustStore = pki.writeTrustStore(dir.resolve("rotating-trust.p12"), "PKCS12");
        TlsMaterial material = TlsMaterial.builder().keyStore(keyStore, TestPki.PASSWORD)
                .trustStore(trustStore, TestPki.PASSWORD).build();
        assertEquals(List.of(keyStore, trustStore), material.files());
        SslContextSource source = material.reloadingOnChange();

        SSLContext first = source.sslContext();
        assertSame(first, source.sslContext(), "unchanged files: the cached context");

        TestPki.writeKeyStore(pki.client(), keyStore, "PKCS12"); // a rotated certificate
        Files.setLastModifiedTime(keyStore, FileTime.from(Instant.now().plusSeconds(5)));
        SSLContext second = source.sslContext();
        assertNotSame(first, second, "a changed file: a new context");
        assertSame(second, source.sslContext());

        Path moved = dir.resolve("rotating-trust.bak");
        Files.move(trustStore, moved);
        IOException missing = assertThrows(IOException.class, source::sslContext);
        assertTrue(missing.getMessage().contains("rotating-trust.p12"), missing::getMessage);
        Files.move(moved, trustStore);
        Files.setLastModifiedTime(trustStore, FileTime.from(Instant.now().plusSeconds(10)));
        assertNotSame(second, source.sslContext());
    }

    @Test
    void guessesTheStoreTypeFromTheFileName() {
        assertEquals(StoreType.JKS, StoreType.forFile(Path.of("a/client.JKS")));
        assertEquals(StoreType.PEM, StoreType.forFile(Path.of("ca.crt")));
        assertEquals(StoreType.PEM, StoreType.forFile(Path.of("client.pem")));
        assertEquals(StoreType.PKCS12, StoreType.forFile(Path.of("client.p12")));
        assertEquals(StoreType.PKCS12, StoreType.forFile(Path.of("client.pfx")));
    }

    @Test
    void neverPrintsPasswords() throws Exception {
        TlsMaterial material = TlsMaterial.builder().keyStore(dir.resolve("x.p12"), "s3cret-pw".toCharArray()).build();
        assertFalse(material.toString().contains("s3cret-pw"));
        assertTrue(material.toString().contains("x.p12"));
    }
}
