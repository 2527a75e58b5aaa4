package io.zkwatch.harness;

import io.zkwatch.daemon.localzk.TlsOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, written as PKCS12 stores (one password) into a directory:
 *
 * <ul>
 *   <li>{@code ca} signs {@code server} (SANs 127.0.0.1 and localhost, server and client use), {@code client},
 *       two expired certificates ({@code expired-server}, {@code expired-client}) and {@code localhost-server}
 *       (SAN localhost only, for host name verification against 127.0.0.1);</li>
 *   <li>{@code foreign-ca}, unrelated, signs {@code foreign-client}.</li>
 * </ul>
 *
 * Keys are EC P-256 and made by the JDK's own provider; BouncyCastle only builds the certificates, so no
 * security provider is installed into the test JVM.
 */
public final class TestPki {

    public static final String DEFAULT_PASSWORD = "zkwatch-test";
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path directory;
    private final String password;
    private final X509Certificate caCertificate;
    private final X509Certificate foreignCaCertificate;
    private final X509Certificate serverCertificate;

    private TestPki(Path directory, String password, X509Certificate ca, X509Certificate foreignCa,
                    X509Certificate server) {
        this.directory = directory;
        this.password = password;
        this.caCertificate = ca;
        this.foreignCaCertificate = foreignCa;
        this.serverCertificate = server;
    }

    public static TestPki create(Path directory) {
        return create(directory, DEFAULT_PASSWORD);
    }

    public static TestPki create(Path directory, String password) {
        try {
            Files.createDirectories(directory);
            Instant now = Instant.now();
            Instant from = now.minus(Duration.ofDays(1));
            Instant until = now.plus(Duration.ofDays(30));
            Issued ca = selfSigned("CN=zkwatch test CA", from, until);
            Issued foreignCa = selfSigned("CN=zkwatch unrelated CA", from, until);
            Issued server = leaf(ca, "CN=zkwatch test server", from, until, true);
            Issued localhostServer = leaf(ca, "CN=zkwatch localhost server", from, until, true,
                    new GeneralName(GeneralName.dNSName, "localhost"));
            Issued client = leaf(ca, "CN=zkwatch test client", from, until, false);
            Issued foreignClient = leaf(foreignCa, "CN=zkwatch foreign client", from, until, false);
            Instant expiredFrom = now.minus(Duration.ofDays(10));
            Instant expiredUntil = now.minus(Duration.ofDays(1));
            Issued expiredServer = leaf(ca, "CN=zkwatch expired server", expiredFrom, expiredUntil, true);
            Issued expiredClient = leaf(ca, "CN=zkwatch expired client", expiredFrom, expiredUntil, false);

            TestPki pki = new TestPki(directory.toAbsolutePath(), password, ca.certificate(),
                    foreignCa.certificate(), server.certificate());
            pki.writeKeyStore("server.p12", server, ca);
            pki.writeKeyStore("localhost-server.p12", localhostServer, ca);
            pki.writeKeyStore("client.p12", client, ca);
            pki.writeKeyStore("foreign-client.p12", foreignClient, foreignCa);
            pki.writeKeyStore("expired-server.p12", expiredServer, ca);
            pki.writeKeyStore("expired-client.p12", expiredClient, ca);
            pki.writeTrustStore("truststore.p12", ca.certificate());
            pki.writeTrustStore("foreign-truststore.p12", foreignCa.certificate());
            return pki;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the test PKI in " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public String password() {
        return password;
    }

    /** Server key and chain; SANs 127.0.0.1 and localhost. */
    public Path serverKeyStore() {
        return directory.resolve("server.p12");
    }

    /**
     * A server key and chain from the test CA whose only SAN is the DNS name {@code localhost}: a client that
     * dials {@code localhost} accepts it, one that dials {@code 127.0.0.1} with host name verification must not.
     */
    public Path localhostServerKeyStore() {
        return directory.resolve("localhost-server.p12");
    }

    /** Client key and chain, signed by the test CA. */
    public Path clientKeyStore() {
        return directory.resolve("client.p12");
    }

    /** Trusts the test CA only. */
    public Path trustStore() {
        return directory.resolve("truststore.p12");
    }

    /** A client certificate from an unrelated CA: a server trusting the test CA must refuse it. */
    public Path foreignClientKeyStore() {
        return directory.resolve("foreign-client.p12");
    }

    /** Trusts the unrelated CA only: a client using it must refuse the test server. */
    public Path foreignTrustStore() {
        return directory.resolve("foreign-truststore.p12");
    }

    /** A server certificate from the test CA that expired yesterday. */
    public Path expiredServerKeyStore() {
        return directory.resolve("expired-server.p12");
    }

    /** A client certificate from the test CA that expired yesterday. */
    public Path expiredClientKeyStore() {
        return directory.resolve("expired-client.p12");
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public X509Certificate foreignCaCertificate() {
        return foreignCaCertificate;
    }

    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** Server stores for a {@code LocalEnsemble}: client certificates required, the harness probes as {@code client}. */
    public TlsOptions serverOptions() {
        return TlsOptions.of(serverKeyStore(), trustStore(), password, clientKeyStore());
    }

    /** A client context presenting {@code keyStore} and trusting {@code trustStore}. */
    public SSLContext sslContext(Path keyStore, Path trustStore) {
        return TlsOptions.sslContext(keyStore, trustStore, password);
    }

    /** The good client: {@code client} key, trusting the test CA. */
    public SSLContext clientContext() {
        return sslContext(clientKeyStore(), trustStore());
    }

    private void writeKeyStore(String name, Issued leaf, Issued issuer) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", leaf.keys().getPrivate(), password.toCharArray(),
                new X509Certificate[] {leaf.certificate(), issuer.certificate()});
        save(store, name);
    }

    private void writeTrustStore(String name, X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        save(store, name);
    }

    private void save(KeyStore store, String name) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(directory.resolve(name))) {
            store.store(out, password.toCharArray());
        }
    }

    private record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private static Issued selfSigned(String subject, Instant from, Instant until)
            throws GeneralSecurityException, CertIOException, OperatorCreationException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name(subject);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from),
                Date.from(until), name, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return new Issued(keys, sign(builder, keys));
    }

    private static Issued leaf(Issued issuer, String subject, Instant from, Instant until, boolean server)
            throws GeneralSecurityException, CertIOException, OperatorCreationException {
        return leaf(issuer, subject, from, until, server, new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"));
    }

    /** A leaf certificate; a server one carries {@code serverNames} as its SANs. */
    private static Issued leaf(Issued issuer, String subject, Instant from, Instant until, boolean server,
                               GeneralName... serverNames)
            throws GeneralSecurityException, CertIOException, OperatorCreationException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                Date.from(from), Date.from(until), new X500Name(subject), keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                ext.createAuthorityKeyIdentifier(issuer.certificate()));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        if (server) {
            // Quorum TLS and the AdminServer use one certificate on both ends, as ZooKeeper deployments do.
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(serverNames));
        } else {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        return new Issued(keys, sign(builder, issuer.keys()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }
}
