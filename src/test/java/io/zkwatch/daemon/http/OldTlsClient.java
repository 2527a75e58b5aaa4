package io.zkwatch.daemon.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS client that can still speak an old protocol, run in a child JVM whose {@code jdk.tls.disabledAlgorithms}
 * no longer lists it (the test JVM's JSSE would refuse to offer TLS 1.1 at all, which proves nothing about the
 * server). It prints one line: {@code negotiated <protocol>} or {@code refused <reason>}.
 *
 * <ul>
 *   <li>{@code connect <port> <protocol>}: handshakes with 127.0.0.1:port offering only that protocol;</li>
 *   <li>{@code control <pkcs12> <password> <protocol>}: the same against a JSSE server of its own that speaks
 *       only that protocol, to show the client really can.</li>
 * </ul>
 * The server's certificate is not checked: only which protocol is agreed matters here.
 */
public final class OldTlsClient {

    private OldTlsClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("connect")) {
            System.out.println(handshake(Integer.parseInt(args[1]), args[2]));
            return;
        }
        char[] password = args[2].toCharArray();
        KeyStore keys = KeyStore.getInstance(Path.of(args[1]).toFile(), password);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {args[3]});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write('x');
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // the client reports what went wrong
                }
            });
            System.out.println(handshake(listener.getLocalPort(), args[3]));
            accepted.get(10, TimeUnit.SECONDS);
        }
    }

    private static String handshake(int port, String protocol) throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
             SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            return "negotiated " + s.getSession().getProtocol();
        } catch (IOException e) {
            return "refused " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
