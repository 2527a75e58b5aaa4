package io.zkwatch.daemon.localzk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The harness's own minimal four-letter-word client, used to tell when a server serves and in which mode.
 * It is deliberately not the product's transport: the harness must work before, and independently of, the
 * code it helps to test.
 */
final class FourLetterWords {

    private FourLetterWords() {
    }

    /**
     * Sends {@code word} and returns every byte until the server closes. The whole exchange, connect included,
     * must finish within {@code timeout}.
     */
    static byte[] send(String host, int port, String word, Optional<SSLContext> tls, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), remainingMillis(deadline));
            Socket socket = plain;
            if (tls.isPresent()) {
                SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, host, port, true);
                ssl.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                socket = ssl;
            }
            try (Socket s = socket) {
                s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                return readToEnd(s, deadline);
            }
        }
    }

    private static byte[] readToEnd(Socket socket, long deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, n);
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** The {@code Mode:} value of a {@code srvr} reply, if it has one. */
    static Optional<String> mode(byte[] srvr) {
        return new String(srvr, StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("Mode: "))
                .map(l -> l.substring("Mode: ".length()).strip())
                .findFirst();
    }
}
