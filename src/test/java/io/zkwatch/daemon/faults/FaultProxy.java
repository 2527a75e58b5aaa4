package io.zkwatch.daemon.faults;

import io.zkwatch.harness.ConnectionThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A four-letter-word proxy in front of one real ZooKeeper member, for the faults a real server cannot produce:
 * each connection's first four bytes name the command; the proxy fetches the member's real reply and hands it to
 * the {@link Fault} set for that command (by default: sent unchanged), which writes what the daemon gets.
 *
 * <p>{@link #stopListening()} closes the listening socket, so that new connections are refused exactly as by a
 * dead member; {@link #listenAgain()} binds the same port again.
 */
final class FaultProxy implements AutoCloseable {

    /** What the daemon receives for one command, given the member's real reply. */
    @FunctionalInterface
    interface Fault {
        void answer(byte[] real, OutputStream out) throws IOException, InterruptedException;
    }

    static final Fault PASS = (real, out) -> out.write(real);

    private final InetSocketAddress upstream;
    private final int port;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final ConnectionThreads connections = new ConnectionThreads();
    private final AtomicInteger served = new AtomicInteger();
    private volatile ServerSocket listener;

    private FaultProxy(ServerSocket listener, int upstreamPort) {
        this.listener = listener;
        this.port = listener.getLocalPort();
        this.upstream = new InetSocketAddress("127.0.0.1", upstreamPort);
    }

    /** Listens on 127.0.0.1 (a free port) in front of the member's client port {@code upstreamPort}. */
    static FaultProxy start(int upstreamPort) throws IOException {
        FaultProxy p = new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
        p.acceptOn(p.listener);
        return p;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** From now on, {@code word} is answered by {@code fault}. */
    void set(String word, Fault fault) {
        faults.put(word, fault);
    }

    /** Every command passes through unchanged again. */
    void clear() {
        faults.clear();
    }

    /** Commands answered so far, of any kind. */
    int served() {
        return served.get();
    }

    /** Connections refused from now on, as by a member that died. */
    void stopListening() throws IOException {
        listener.close();
    }

    /** Accepts connections on the same port again. */
    void listenAgain() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = s;
        acceptOn(s);
    }

    private void acceptOn(ServerSocket s) {
        connections.spawn("fault-proxy-accept-" + port, () -> {
            while (!connections.closed()) {
                try {
                    Socket client = s.accept();
                    connections.track(client);
                    connections.spawn("fault-proxy-conn-" + client.getPort(), () -> serve(client));
                } catch (IOException e) {
                    return; // listener closed
                }
            }
        });
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(20_000);
            String word = new String(client.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
            byte[] real = fetch(word);
            served.incrementAndGet();
            OutputStream out = client.getOutputStream();
            faults.getOrDefault(word, PASS).answer(real, out);
            out.flush();
            // Half-close, as ZooKeeper does, and let the daemon close its end.
            client.shutdownOutput();
        } catch (IOException e) {
            // The daemon gave up (deadline, cap) or the member went away: the connection just ends.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.untrack(client);
        }
    }

    private byte[] fetch(String word) throws IOException {
        Socket s = new Socket();
        connections.track(s);
        try (s) {
            s.connect(upstream, 2000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(reply);
            return reply.toByteArray();
        } finally {
            connections.untrack(s);
        }
    }

    /** Closes the listener and every connection, and waits for the proxy's threads. */
    @Override
    public void close() throws IOException {
        connections.close(listener);
    }
}
