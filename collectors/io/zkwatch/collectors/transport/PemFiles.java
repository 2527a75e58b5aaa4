package io.zkwatch.collectors.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads PEM files (as ZooKeeper's {@code ssl.keyStore.type=PEM} uses them) into an in-memory key store:
 * every certificate, and at most one PKCS#8 private key ({@code PRIVATE KEY} or {@code ENCRYPTED PRIVATE KEY}).
 * Older PKCS#1 / SEC1 keys are refused with the openssl command that converts them.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA"};

    private PemFiles() {
    }

    static KeyStore keyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        CertificateFactory certificates = CertificateFactory.getInstance("X.509");
        List<Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String label = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (label) {
                case "CERTIFICATE" -> chain.add(certificates.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = onlyKey(key, privateKey(der), file);
                case "ENCRYPTED PRIVATE KEY" -> key = onlyKey(key, privateKey(decrypt(der, password)), file);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY" -> throw new KeyStoreException(file
                        + ": " + label + " (PKCS#1/SEC1) is not supported; convert it with "
                        + "'openssl pkcs8 -topk8 -in old.pem -out new.pem' (add -nocrypt for no password)");
                default -> {
                    // other blocks (parameters, CRLs) are not needed for a client
                }
            }
        }
        if (chain.isEmpty()) {
            throw new KeyStoreException(file + ": no PEM certificate found");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        if (key != null) {
            store.setKeyEntry("key", key, password, chain.toArray(new Certificate[0]));
        } else {
            for (int i = 0; i < chain.size(); i++) {
                store.setCertificateEntry("cert-" + i, chain.get(i));
            }
        }
        return store;
    }

    private static PrivateKey onlyKey(PrivateKey previous, PrivateKey next, Path file) throws KeyStoreException {
        if (previous != null) {
            throw new KeyStoreException(file + ": more than one private key");
        }
        return next;
    }

    private static byte[] decrypt(byte[] der, char[] password) throws IOException, GeneralSecurityException {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        // For PBES2 the JDK names the real scheme (e.g. PBEWithHmacSHA256AndAES_256) in the parameters.
        String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
        SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
        Key secret = factory.generateSecret(new PBEKeySpec(password));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
        return info.getKeySpec(cipher).getEncoded();
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException wrongGuess) {
                // try the next algorithm
            }
        }
        throw new InvalidKeySpecException("unsupported private key algorithm in PEM");
    }
}
