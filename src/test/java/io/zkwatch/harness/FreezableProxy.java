package io.zkwatch.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between ZooKeeper clients and one server that can freeze: while frozen it forwards nothing, closes
 * nothing and opens nothing, so the server sees a client that went silent with its socket still open (a paused
 * process, a long GC, a network partition) until the session expires. Connections to the server are made from
 * {@code clientAddress} (a 127.0.0.N), which is the client host the server reports in {@code cons}.
 */
public final class FreezableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final InetAddress clientAddress;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean frozen;
    private volatile boolean closed;

    private FreezableProxy(ServerSocket listener, InetSocketAddress target, InetAddress clientAddress) {
        this.listener = listener;
        this.target = target;
        this.clientAddress = clientAddress;
    }

    /** A relay on 127.0.0.1 (free port) to {@code host:port}, connecting from {@code clientAddress}. */
    public static FreezableProxy start(String host, int port, String clientAddress) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FreezableProxy p = new FreezableProxy(listener, new InetSocketAddress(host, port),
                InetAddress.getByName(clientAddress));
        p.spawn("accept", p::acceptLoop);
        return p;
    }

    /** The connect string clients use. */
    public String connectString() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    public void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    public void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    /** Blocks while frozen; false once closed. */
    private boolean awaitThawed() {
        synchronized (gate) {
            while (frozen && !closed) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !closed;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (!awaitThawed()) {
                    return;
                }
                Socket server = new Socket();
                sockets.add(server);
                server.bind(new InetSocketAddress(clientAddress, 0));
                server.connect(target, 5000);
                spawn("up", () -> pump(client, server));
                spawn("down", () -> pump(server, client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Copies bytes one way; what arrives while frozen is held until a thaw, and so is an end of stream. */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (!awaitThawed()) {
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
            }
            if (awaitThawed()) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            if (!closed && awaitThawed()) {
                closeQuietly(to);
            }
        }
    }

    private void spawn(String name, Runnable r) {
        Thread t = new Thread(r, "freezable-proxy-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Closes every socket and waits for every relay thread. */
    @Override
    public void close() throws InterruptedException {
        synchronized (gate) {
            closed = true;
            gate.notifyAll();
        }
        closeQuietly(listener);
        sockets.forEach(FreezableProxy::closeQuietly);
        for (Thread t : threads) {
            t.join(5000);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing on the way out; the other end may be gone already.
        }
    }
}
