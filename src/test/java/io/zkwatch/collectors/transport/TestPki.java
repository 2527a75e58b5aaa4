package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made in the test with BouncyCastle: a CA, and server/client certificates it signs. */
final class TestPki {
    static final char[] PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its certificate chain (leaf first). */
    record Identity(KeyPair keys, X509Certificate[] chain) {
        X509Certificate certificate() {
            return chain[0];
        }
    }

    private final Identity ca;

    private TestPki(Identity ca) {
        this.ca = ca;
    }

    static TestPki newCa(String name) throws Exception {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate certificate = sign(builder, keys);
        return new TestPki(new Identity(keys, new X509Certificate[] {certificate}));
    }

    X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    Identity server() throws Exception {
        return issue("zk-test-server", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(7)),
                KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A server certificate naming only some other host. */
    Identity serverFor(String dnsName) throws Exception {
        return issue("zk-other-server", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(7)),
                KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, dnsName));
    }

    /** A server certificate for 127.0.0.1 that expired yesterday. */
    Identity expiredServer() throws Exception {
        return issue("zk-expired-server", Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)), KeyPurposeId.id_kp_serverAuth,
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }

    Identity client() throws Exception {
        return issue("zkwatch", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(7)),
                KeyPurposeId.id_kp_clientAuth);
    }

    private Identity issue(String cn, Instant notBefore, Instant notAfter, KeyPurposeId purpose, GeneralName... names)
            throws Exception {
        KeyPair keys = ecKeys();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + cn), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (names.length > 0) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        X509Certificate certificate = sign(builder, ca.keys());
        return new Identity(keys, new X509Certificate[] {certificate, ca.certificate()});
    }

    /** A server-side context presenting {@code identity} and trusting this CA for client certificates. */
    SSLContext serverContext(Identity identity) throws GeneralSecurityException, IOException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(identity), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        return store;
    }

    static KeyStore keyStore(Identity identity) throws GeneralSecurityException, IOException {
        return keyStore(identity, "PKCS12");
    }

    static KeyStore keyStore(Identity identity, String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("key", identity.keys().getPrivate(), PASSWORD, identity.chain());
        return store;
    }

    /** Writes a key store of the given type ("PKCS12" or "JKS") holding {@code identity}. */
    static Path writeKeyStore(Identity identity, Path file, String type) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(identity, type).store(out, PASSWORD);
        }
        return file;
    }

    Path writeTrustStore(Path file, String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    Path writeCaPem(Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(ca.certificate());
        }
        return file;
    }

    /** Key (PKCS#8, encrypted with PASSWORD when asked) followed by the certificate chain, as ZooKeeper's PEM type. */
    static Path writePem(Identity identity, Path file, boolean encrypted) throws Exception {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            if (encrypted) {
                pem.writeObject(new JcaPKCS8Generator(identity.keys().getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                                .setProvider(new BouncyCastleProvider()).setPassword(PASSWORD).build()));
            } else {
                pem.writeObject(new JcaPKCS8Generator(identity.keys().getPrivate(), null));
            }
            for (Certificate certificate : identity.chain()) {
                pem.writeObject(certificate);
            }
        }
        return file;
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }
}
