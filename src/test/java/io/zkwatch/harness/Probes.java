package io.zkwatch.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Independent, raw probes for harness tests and fixture capture: plain sockets, JSSE sockets and
 * {@code java.net.http}, never the product's transports.
 */
public final class Probes {

    private static final String HOST = "127.0.0.1";

    private Probes() {
    }

    /** Sends a four-letter word over plain TCP and returns the raw reply (every byte until the server closes). */
    public static byte[] fourLetterWord(int port, String word, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) timeout.toMillis());
            return exchange(socket, word, timeout);
        }
    }

    /** The same over TLS with {@code context}'s client key. */
    public static byte[] fourLetterWordTls(int port, String word, SSLContext context, Duration timeout)
            throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.startHandshake();
            return exchange(socket, word, timeout);
        }
    }

    public static String text(byte[] reply) {
        return new String(reply, StandardCharsets.UTF_8);
    }

    /** GET over HTTP(S); the TLS context, when given, supplies the client key and trusted CAs. */
    public static HttpResponse<byte[]> get(URI uri, Optional<SSLContext> tls, Duration timeout)
            throws IOException, InterruptedException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        tls.ifPresent(builder::sslContext);
        HttpClient client = builder.build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Nothing listens: the connect is refused at once. */
    public static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 2_000);
            }
        }, "port " + port + " should refuse connections");
    }

    /** The kernel accepts the connection but nothing ever answers a request within {@code wait}. */
    public static void assertAcceptsButNeverAnswers(int port, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2_000);
            socket.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) wait.toMillis());
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(),
                    "a frozen server must not answer on port " + port);
        }
    }

    /** A new server could listen on the port now (address reuse on, as ZooKeeper's own listeners use it). */
    public static void assertFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            fail("port " + port + " is still taken: " + e);
        }
    }

    /** No process started for {@code ensemble} is a descendant of this JVM any more. */
    public static void assertNoChildProcessOf(LocalEnsemble ensemble) {
        String marker = ensemble.directory().toString();
        List<String> left = ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .filter(line -> line.contains(marker))
                .toList();
        assertTrue(left.isEmpty(), "child processes left behind: " + left);
    }

    /** No process with this pid is a live descendant of this JVM. */
    public static void assertNotRunning(long pid) {
        assertEquals(0, ProcessHandle.current().descendants().filter(p -> p.pid() == pid && p.isAlive()).count(),
                "process " + pid + " is still running");
    }

    private static byte[] exchange(Socket socket, String word, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
