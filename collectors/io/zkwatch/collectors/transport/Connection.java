package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One TCP connection, optionally wrapped in TLS, living inside its call's deadline. Opening arms the
 * watchdog on the raw socket before anything can block; closing closes both sockets and disarms it.
 * Interrupting the thread that uses it closes it too (the socket belongs to a channel): that is how a
 * stopping daemon cancels the calls in flight.
 */
final class Connection implements AutoCloseable {
    private final Socket raw;
    private final Socket app;
    private final Watchdog.Alarm alarm;
    private final InputStream in;

    private Connection(Socket raw, Socket app, Watchdog.Alarm alarm, Call call) throws IOException {
        this.raw = raw;
        this.app = app;
        this.alarm = alarm;
        this.in = new TimedInputStream(app.getInputStream(), app, call);
    }

    /**
     * Connects within the connect timeout (and the deadline), then performs the TLS handshake if asked.
     * On failure nothing stays open.
     */
    static Connection open(Call call, String host, int port, Optional<TlsSettings> tls)
            throws IOException, CollectorException {
        SSLContext context = tls.isPresent() ? loadContext(call, tls.get()) : null;
        // A socket channel's blocking socket, not a plain Socket: interrupting the polling thread closes it and
        // ends any connect, handshake or read at once, so stopping zkwatch does not wait for the deadline.
        Socket raw = SocketChannel.open().socket();
        Watchdog.Alarm alarm = Watchdog.arm(raw, call.deadline());
        call.alarm(alarm);
        Socket app = raw;
        try {
            call.phase(Call.Phase.CONNECT);
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new UnknownHostException(host);
            }
            int connectMillis = (int) Math.min(call.connectTimeout().toMillis(), call.deadline().timeoutMillis());
            raw.connect(address, Math.max(1, connectMillis));
            raw.setTcpNoDelay(true);
            if (context != null) {
                call.phase(Call.Phase.TLS_HANDSHAKE);
                SSLSocket secure = handshake(raw, host, port, context, tls.get().verifyHostname(), call);
                app = secure;
                call.tlsEstablished(presentedExpiredCertificate(secure));
            }
            return new Connection(raw, app, alarm, call);
        } catch (IOException | RuntimeException e) {
            closeQuietly(app);
            closeQuietly(raw);
            alarm.close();
            throw e;
        }
    }

    InputStream in() {
        return in;
    }

    OutputStream out() throws IOException {
        return app.getOutputStream();
    }

    @Override
    public void close() {
        // The alarm stays armed while closing, so even a TLS close that blocks ends at the deadline.
        closeQuietly(app);
        closeQuietly(raw);
        alarm.close();
    }

    private static SSLContext loadContext(Call call, TlsSettings tls) throws CollectorException {
        try {
            return tls.contexts().sslContext();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw call.fail(FailureKind.TLS_HANDSHAKE,
                    "cannot load the client TLS material [" + TlsFailure.TLS_MATERIAL.code() + "] (key store / trust "
                            + "store): " + e + " (" + TlsFailure.TLS_MATERIAL.hint() + ")", e);
        }
    }

    private static SSLSocket handshake(Socket raw, String host, int port, SSLContext context, boolean verifyHostname,
                                       Call call) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(call.deadline().timeoutMillis());
        try {
            socket.startHandshake();
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
        return socket;
    }

    /**
     * Whether the client certificate we presented is out of its validity period. ZooKeeper answers such a
     * certificate with a bare {@code certificate_unknown} alert (TLS 1.3: after the handshake), so only we can tell
     * the operator the cause.
     */
    private static boolean presentedExpiredCertificate(SSLSocket socket) {
        java.security.cert.Certificate[] presented = socket.getSession().getLocalCertificates();
        if (presented == null || presented.length == 0
                || !(presented[0] instanceof java.security.cert.X509Certificate leaf)) {
            return false;
        }
        try {
            leaf.checkValidity();
            return false;
        } catch (java.security.cert.CertificateException e) {
            return true;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that will not close
        }
    }
}
