package io.zkwatch.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server's client port for the cheap four-letter words, and a dump that never ends for {@code wchc},
 * {@code wchp} and {@code dump}: a burst of watch-dump lines (enough to spill past a small memory spool), then one
 * byte every 200 ms for as long as the reader stays. A real server cannot be made to do that on demand; it keeps
 * a dump in flight, with its spool file on disk, for as long as a test needs.
 */
public final class TricklingDumpProxy implements AutoCloseable {

    private static final Set<String> DUMPS = Set.of("wchc", "wchp", "dump");

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dumpsInFlight = new AtomicInteger();
    private final Thread acceptor;

    private TricklingDumpProxy(ServerSocket listener, int upstreamPort) {
        this.listener = listener;
        this.upstreamPort = upstreamPort;
        this.acceptor = new Thread(this::acceptLoop, "trickling-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    public static TricklingDumpProxy start(int upstreamPort) throws IOException {
        TricklingDumpProxy p = new TricklingDumpProxy(
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
        p.acceptor.start();
        return p;
    }

    public String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Dumps being trickled right now: the reader has not hung up yet. */
    public int dumpsInFlight() {
        return dumpsInFlight.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "trickling-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            byte[] word = client.getInputStream().readNBytes(4);
            if (DUMPS.contains(new String(word, StandardCharsets.US_ASCII))) {
                trickle(client.getOutputStream());
            } else {
                forward(word, client);
            }
        } catch (IOException | InterruptedException e) {
            // the reader hung up, or the proxy closed
        } finally {
            open.remove(client);
        }
    }

    private void trickle(OutputStream out) throws IOException, InterruptedException {
        dumpsInFlight.incrementAndGet();
        try {
            out.write("0x1000000000001\n\t/trickle/burst\n".repeat(256).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (true) {
                Thread.sleep(200);
                out.write('\t');
                out.flush();
            }
        } finally {
            dumpsInFlight.decrementAndGet();
        }
    }

    private void forward(byte[] word, Socket client) throws IOException {
        try (Socket server = new Socket()) {
            open.add(server);
            server.connect(new InetSocketAddress("127.0.0.1", upstreamPort), 2000);
            server.setSoTimeout(20_000);
            server.getOutputStream().write(word);
            InputStream in = server.getInputStream();
            in.transferTo(client.getOutputStream());
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
