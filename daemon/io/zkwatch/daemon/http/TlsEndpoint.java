package io.zkwatch.daemon.http;

import io.zkwatch.daemon.config.ConfigException;
import io.zkwatch.daemon.config.PemFiles;
import io.zkwatch.daemon.config.WebConfig;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS connector of zkwatch's endpoint, built from a web configuration's {@code tls_server_config}. The
 * SSLContext is assembled here from the PEM files, so that what is trusted is exactly what the file says: the
 * client CAs for the verifying client_auth_types, and nothing (any certificate) for the two that only ask.
 * Protocols are the configured range, which never reaches below TLS 1.2 whatever the JVM would allow.
 */
final class TlsEndpoint {

    private TlsEndpoint() {
    }

    /** Jetty's TLS settings for {@code tls}; reads the PEM files now. */
    static SslContextFactory.Server sslContextFactory(WebConfig.TlsServer tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(sslContext(tls));
        factory.setIncludeProtocols(tls.protocols().toArray(String[]::new));
        factory.setNeedClientAuth(tls.clientAuth().required());
        factory.setWantClientAuth(tls.clientAuth() != WebConfig.ClientAuth.NO_CLIENT_CERT);
        factory.setRenegotiationAllowed(false);
        // Scrapers often dial an IP address the certificate does not name; TLS has already authenticated the
        // server to them by their own rules, so the request's Host need not match the certificate.
        factory.setSniRequired(false);
        return factory;
    }

    /** A connector for Javalin's {@code addConnector}: HTTP/1.1 over TLS on {@code host:port}. */
    static Connector connector(Server server, HttpConfiguration plain, SslContextFactory.Server ssl, String host,
                               int port) {
        HttpConfiguration https = new HttpConfiguration(plain);
        https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static SSLContext sslContext(WebConfig.TlsServer tls) {
        // The key store lives only in memory; its password protects nothing, but PKCS12 wants one.
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        char[] password = HexFormat.of().formatHex(random).toCharArray();
        KeyStore keys;
        KeyStore clientCas = null;
        try {
            keys = PemFiles.keyStore(tls.certFile(), tls.keyFile(), password);
            if (tls.clientCaFile().isPresent()) {
                clientCas = PemFiles.trustStore(tls.clientCaFile().get());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tls_server_config", e.getMessage());
        }
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManager[] trust;
            if (tls.clientAuth().verified()) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(clientCas);
                trust = tmf.getTrustManagers();
            } else {
                trust = new TrustManager[] {new AnyClientCertificate()};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the endpoint: " + e.getMessage(), e);
        }
    }

    /**
     * RequestClientCert and RequireAnyClientCert: a client certificate is taken as given, never verified, as in
     * Go's crypto/tls. It authenticates nobody; basic auth still decides. Never used for a server's certificate.
     */
    private static final class AnyClientCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("zkwatch's endpoint never checks a server certificate");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
