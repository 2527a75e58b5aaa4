package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A loopback TCP (or TLS) server for faults a real ZooKeeper cannot produce on demand. Each connection runs
 * the handler on its own thread (named "fake-..."), and is closed when the handler returns or the server closes.
 */
final class FakeServer implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakeServer(ServerSocket server, Handler handler) {
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "fake-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeServer plain(Handler handler) throws IOException {
        return new FakeServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler);
    }

    static FakeServer tls(SSLContext context, boolean needClientAuth, Handler handler) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setNeedClientAuth(needClientAuth);
        return new FakeServer(socket, handler);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Errors thrown by handlers other than the client going away: for asserting what the server saw. */
    List<Throwable> handlerErrors() {
        return handlerErrors;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            open.add(socket);
            Thread thread = new Thread(() -> serve(socket), "fake-conn-" + server.getLocalPort());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            handler.handle(socket);
        } catch (Exception e) {
            handlerErrors.add(e);
        } finally {
            open.remove(socket);
            threads.remove(Thread.currentThread());
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.join(5_000);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }

    // ---- handler building blocks ----

    /** Reads the four-letter word the client sent. */
    static String readWord(Socket socket) throws IOException {
        return new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
    }

    /** Blocks until the client closes (or the server shuts down): a server that accepts and never answers. */
    static void awaitClientClose(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // discard
            }
        } catch (IOException clientGone) {
            // the client closed or reset: done
        }
    }

    /** Writes the bytes and returns; the server then closes the connection, as ZooKeeper does after a 4lw. */
    static Handler replyWith(String text) {
        return socket -> {
            readWord(socket);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        };
    }
}
