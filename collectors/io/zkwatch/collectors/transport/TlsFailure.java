package io.zkwatch.collectors.transport;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * What went wrong in a TLS exchange, as a short stable code and a hint, read from the JSSE exception chain.
 *
 * <p>Why: every TLS failure is {@code tls_handshake} in the metrics, but "the server's certificate expired",
 * "we do not trust its CA", "it does not name the host we dialled" and "it refused our certificate" are fixed by
 * different people. The code goes into the failure's message in brackets ({@code [hostname_mismatch]}), so logs,
 * {@code /api} and alerts can tell them apart without a label per cause. docs/security.md lists the codes.
 */
enum TlsFailure {
    SERVER_CERTIFICATE_EXPIRED("the server's certificate has expired or is not valid yet; renew it on the server"),
    SERVER_CERTIFICATE_UNTRUSTED("the server's certificate is not signed by a CA in our trust store; check the "
            + "trust store (truststore) or the server's certificate chain"),
    HOSTNAME_MISMATCH("host name verification failed: the server's certificate does not name the host we dialled; "
            + "dial a name the certificate lists, re-issue it with that name, or set hostname_verification: false"),
    /** The server sent {@code certificate_expired}, or refused a client certificate we know to be expired. */
    CLIENT_CERTIFICATE_EXPIRED("our client certificate has expired (or is not valid yet) and the server refused it; "
            + "renew the key store (keystore)"),
    CLIENT_CERTIFICATE_REJECTED("the server rejected or missed our client certificate; check the key store "
            + "(keystore) and that the server trusts its CA"),
    /** Not read from a handshake: the key store or trust store cannot be loaded (see {@link Connection}). */
    TLS_MATERIAL("check the paths, passwords and formats of the key store and trust store"),
    /** Plaintext where a TLS record was expected, or the connection closed cleanly in the middle of the handshake. */
    NOT_TLS("the port answered in plaintext or closed the connection during the handshake; is it the plain "
            + "clientPort instead of secureClientPort?"),
    HANDSHAKE_FAILED("check the CA, the certificate dates, the host name, and that the port speaks TLS");

    private final String hint;

    TlsFailure(String hint) {
        this.hint = hint;
    }

    /** The code as written in messages and docs, e.g. {@code hostname_mismatch}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    String hint() {
        return hint;
    }

    /** Reads the cause from the exception chain and the messages JSSE puts in it. */
    static TlsFailure of(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return SERVER_CERTIFICATE_EXPIRED;
            }
            text.append(' ').append(t.getMessage());
        }
        String all = text.toString();
        if (all.contains("No subject alternative") || all.contains("No name matching")) {
            return HOSTNAME_MISMATCH;
        }
        if (all.contains("PKIX path building failed") || all.contains("unable to find valid certification path")) {
            return SERVER_CERTIFICATE_UNTRUSTED;
        }
        if (all.contains("certificate_expired")) {
            return CLIENT_CERTIFICATE_EXPIRED;
        }
        if (all.contains("bad_certificate") || all.contains("certificate_required")
                || all.contains("certificate_unknown") || all.contains("unknown_ca")) {
            return CLIENT_CERTIFICATE_REJECTED;
        }
        if (all.contains("Unsupported or unrecognized SSL message") || all.contains("plaintext connection")
                || all.contains("Remote host terminated the handshake")) {
            return NOT_TLS;
        }
        return HANDSHAKE_FAILED;
    }
}
