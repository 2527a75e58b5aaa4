package io.zkwatch.collectors.transport;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The state of one fetch: what is asked of whom, the deadline, how far the exchange got and how many bytes
 * came back. It turns any failure into a {@link CollectorException} whose message an operator can act on:
 * the command, the target, what was going on, and what it usually means.
 */
final class Call {

    /** How far the exchange got; failures name it, and TLS errors mean different things in each. */
    enum Phase {
        CONNECT("connecting"),
        TLS_HANDSHAKE("during the TLS handshake"),
        REQUEST("sending the request"),
        RESPONSE_HEAD("reading the HTTP response headers"),
        REPLY("reading the reply");

        private final String description;

        Phase(String description) {
            this.description = description;
        }
    }

    private final String command;
    private final String target;
    private final Deadline deadline;
    private final Duration connectTimeout;
    private volatile Phase phase = Phase.CONNECT;
    private volatile long received;
    private volatile Watchdog.Alarm alarm;
    private volatile boolean tlsEstablished;
    private volatile boolean presentedExpiredCertificate;

    Call(String command, String target, Duration deadline, Duration connectTimeout) {
        this.command = command;
        this.target = target;
        this.deadline = Deadline.start(deadline);
        this.connectTimeout = connectTimeout;
    }

    Deadline deadline() {
        return deadline;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    void phase(Phase next) {
        phase = next;
    }

    Phase phase() {
        return phase;
    }

    void alarm(Watchdog.Alarm armed) {
        alarm = armed;
    }

    /**
     * Marks the TLS handshake as done (as far as the client can tell: TLS 1.3 servers judge our certificate later),
     * and whether the client certificate we presented has expired, which the server's refusal may not say.
     */
    void tlsEstablished(boolean expiredClientCertificate) {
        tlsEstablished = true;
        presentedExpiredCertificate = expiredClientCertificate;
    }

    /** Counts bytes as they come off the socket (headers included), for messages only. */
    void received(int bytes) {
        received += bytes;
    }

    long received() {
        return received;
    }

    /** A failure of this call, with the command and target in front. */
    CollectorException fail(FailureKind kind, String what) {
        return fail(kind, what, null);
    }

    CollectorException fail(FailureKind kind, String what, Throwable cause) {
        return new CollectorException(kind, command + " on " + target + ": " + what, cause);
    }

    /** Maps an I/O failure to its kind, using the phase and the watchdog to tell timeouts from errors. */
    CollectorException classify(IOException e) {
        if (e instanceof FramingException framing) {
            return fail(framing.kind(), framing.getMessage(), e);
        }
        Watchdog.Alarm armed = alarm;
        boolean timedOut = deadline.expired() || (armed != null && armed.fired())
                || e instanceof SocketTimeoutException;
        if (timedOut) {
            return fail(FailureKind.TIMEOUT, timeoutText(), e);
        }
        if (e instanceof ConnectException) {
            return fail(FailureKind.CONNECTION_REFUSED,
                    "connection refused; is ZooKeeper running and listening on this port?", e);
        }
        if (e instanceof UnknownHostException) {
            return fail(FailureKind.IO, "cannot resolve the host name (" + e.getMessage() + ")", e);
        }
        if (Thread.currentThread().isInterrupted()) {
            // The socket belongs to a channel, which an interrupt closes: zkwatch is stopping this call.
            return fail(FailureKind.IO, "cancelled " + phase.description + " after " + seconds(deadline.elapsed())
                    + ": zkwatch is stopping", e);
        }
        if (e instanceof SSLException && (phase == Phase.TLS_HANDSHAKE || received == 0)) {
            String what = phase == Phase.TLS_HANDSHAKE ? "TLS handshake failed" : "TLS failed " + phase.description;
            TlsFailure cause = refined(TlsFailure.of(e));
            return fail(FailureKind.TLS_HANDSHAKE, what + " [" + cause.code() + "]: " + rootMessage(e) + " ("
                    + cause.hint() + ")", e);
        }
        if (connectionLost(e) && phase == Phase.TLS_HANDSHAKE) {
            // JSSE passes a reset or broken pipe through unwrapped; a TLS 1.2 server that refuses our client
            // certificate (ZooKeeper 3.8's Netty does) often just drops the connection instead of sending an alert.
            return fail(FailureKind.TLS_HANDSHAKE, "the server dropped the connection during the TLS handshake ["
                    + TlsFailure.CLIENT_CERTIFICATE_REJECTED.code() + "] (" + rootMessage(e) + "); it most likely "
                    + "rejected our client certificate (check the key store and the server's CA), or the port does "
                    + "not speak TLS", e);
        }
        if (connectionLost(e) && tlsEstablished && received == 0) {
            return fail(FailureKind.TLS_HANDSHAKE, "the server dropped the TLS connection right after the handshake, "
                    + "before replying [" + refined(TlsFailure.CLIENT_CERTIFICATE_REJECTED).code() + "] (" + rootMessage(e)
                    + "); it most likely rejected our client certificate (TLS 1.3 reports that only after the "
                    + "handshake)", e);
        }
        return fail(FailureKind.IO, "I/O error " + phase.description + " after " + seconds(deadline.elapsed())
                + " (" + received + " bytes received): " + rootMessage(e), e);
    }

    /** A refused client certificate that we know to be out of date is reported as expired. */
    private TlsFailure refined(TlsFailure cause) {
        return cause == TlsFailure.CLIENT_CERTIFICATE_REJECTED && presentedExpiredCertificate
                ? TlsFailure.CLIENT_CERTIFICATE_EXPIRED : cause;
    }

    /**
     * A reset or broken pipe: a plain socket reports it as a {@link SocketException}, a socket channel's socket
     * (which {@link Connection} uses) as a bare {@link IOException}.
     */
    private static boolean connectionLost(IOException e) {
        return e instanceof SocketException || e.getClass() == IOException.class;
    }

    private String timeoutText() {
        if (phase == Phase.CONNECT && deadline.elapsed().compareTo(deadline.budget()) < 0) {
            return "could not connect within the connect timeout of " + seconds(connectTimeout)
                    + " (host down, firewalled, or the port is not listening)";
        }
        return "no complete reply within the deadline of " + seconds(deadline.budget()) + "; timed out "
                + phase.description + " with " + received + " bytes received (server overloaded or network slow?)";
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root == e || root.getMessage() == null || String.valueOf(e.getMessage()).contains(root.getMessage())) {
            return top;
        }
        return top + " (cause: " + root.getMessage() + ")";
    }
}
