package io.zkwatch.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * The PEM files a Prometheus-style web configuration names, cut from a {@link TestPki}'s PKCS12 stores: as an
 * operator would have them from openssl or a CA, a certificate chain file and a separate key file.
 */
public final class PemExport {

    /** How the private key is written: PKCS#8 ({@code BEGIN PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}). */
    public enum KeyFormat { PKCS8, SEC1 }

    /** A certificate chain file and its key file. */
    public record Pair(Path certFile, Path keyFile) {
    }

    private PemExport() {
    }

    /** Writes {@code <name>.crt} (leaf then CA) and {@code <name>.key} from a TestPki key store. */
    public static Pair keyPair(TestPki pki, Path keyStore, Path dir, String name, KeyFormat format) {
        try {
            KeyStore store = load(pki, keyStore);
            PrivateKey key = (PrivateKey) store.getKey("key", pki.password().toCharArray());
            Certificate[] chain = store.getCertificateChain("key");
            Path cert = dir.resolve(name + ".crt");
            try (Writer w = Files.newBufferedWriter(cert, StandardCharsets.US_ASCII);
                 JcaPEMWriter pem = new JcaPEMWriter(w)) {
                for (Certificate c : chain) {
                    pem.writeObject(c);
                }
            }
            Path keyFile = dir.resolve(name + ".key");
            if (format == KeyFormat.SEC1) {
                // As openssl ecparam -genkey writes it: the curve inside the ECPrivateKey structure.
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                        info.getPrivateKeyAlgorithm().getParameters());
                pem(keyFile, "EC PRIVATE KEY", sec1.getEncoded());
            } else {
                pem(keyFile, "PRIVATE KEY", key.getEncoded());
            }
            return new Pair(cert, keyFile);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot export " + keyStore + " as PEM", e);
        }
    }

    /** Writes one CA certificate as {@code <name>.crt}. */
    public static Path certificate(X509Certificate certificate, Path dir, String name) {
        Path file = dir.resolve(name + ".crt");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(certificate);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n", StandardCharsets.US_ASCII);
    }

    private static KeyStore load(TestPki pki, Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, pki.password().toCharArray());
        }
        return store;
    }
}
