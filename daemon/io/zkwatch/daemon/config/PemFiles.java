package io.zkwatch.daemon.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files of a web configuration into JSSE key and trust stores. PEM is what exporter-toolkit,
 * Prometheus and openssl use; the key may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA
 * PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}), but not encrypted, as in exporter-toolkit. BouncyCastle
 * only parses; keys and certificates are then built by the JDK's own providers, and no provider is installed.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message follows the file's name in an error.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in file order; at least one. */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : objects(file)) {
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException("holds a PEM block that is not a certificate ("
                        + o.getClass().getSimpleName() + "); give the certificate chain only");
            }
            try {
                out.add(converter.getCertificate(holder));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("holds a certificate that cannot be read: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The one unencrypted private key in {@code file}. */
    public static PrivateKey privateKey(Path file) {
        List<Object> objects = objects(file);
        if (objects.size() != 1) {
            throw new IllegalArgumentException("must hold exactly one PEM private key, found " + objects.size()
                    + " PEM blocks");
        }
        Object o = objects.get(0);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("holds a private key that cannot be read: " + e.getMessage(), e);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new IllegalArgumentException("holds an encrypted private key; zkwatch needs it unencrypted "
                    + "(openssl pkey -in KEY -out PLAIN) and protected by file permissions");
        }
        throw new IllegalArgumentException("holds no PEM private key (-----BEGIN PRIVATE KEY-----), but a "
                + o.getClass().getSimpleName());
    }

    /**
     * A key store with one entry: {@code key} and the chain in {@code certFile}. The key must belong to the
     * chain's first certificate, which is checked by a signature here rather than by a failed handshake later.
     */
    public static KeyStore keyStore(Path certFile, Path keyFile, char[] password) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(key, chain.get(0))) {
            throw new IllegalArgumentException("does not hold the key of the certificate in " + certFile);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("zkwatch", key, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot be stored with its certificate: " + e.getMessage(), e);
        }
    }

    /** A trust store holding every certificate in {@code file}. */
    public static KeyStore trustStore(Path file) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : certificates(file)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot be made a trust store: " + e.getMessage(), e);
        }
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> "";
        };
        if (algorithm.isEmpty()) {
            throw new IllegalArgumentException("holds a " + key.getAlgorithm() + " key; zkwatch serves RSA, EC "
                    + "and Ed25519 keys");
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<Object> objects(Path file) {
        List<Object> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                out.add(o);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read as PEM: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }
}
