package io.zkwatch.daemon;

import io.zkwatch.harness.ConnectionThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of a real ZooKeeper server's client port, for four-letter words: each connection's
 * first four bytes name the command, which the proxy counts (how many in flight now, the most at once) before
 * passing everything through unchanged. Several proxies may share one {@link Traffic}, so that concurrency is
 * seen across members. An optional delay before forwarding widens each command's time in flight.
 */
public final class FourLetterProxy implements AutoCloseable {

    /** The commands that dump a server's watch or session tables. */
    public static final Set<String> DUMPS = Set.of("wchc", "wchp", "dump");

    /** Counts shared by proxies. */
    public static final class Traffic {
        private final AtomicInteger dumpsInFlight = new AtomicInteger();
        private final AtomicInteger mostDumpsAtOnce = new AtomicInteger();
        private final AtomicInteger dumps = new AtomicInteger();
        private final AtomicInteger cheapInFlight = new AtomicInteger();
        private final AtomicInteger mostCheapAtOnce = new AtomicInteger();
        private final AtomicInteger started = new AtomicInteger();
        private final List<Instant> wchcStarts = new CopyOnWriteArrayList<>();

        /** When each {@code wchc} reached the proxy, in order. */
        public List<Instant> wchcStarts() {
            return List.copyOf(wchcStarts);
        }

        /** Commands begun so far, of any kind. */
        public int started() {
            return started.get();
        }

        public int mostDumpsAtOnce() {
            return mostDumpsAtOnce.get();
        }

        public int dumps() {
            return dumps.get();
        }

        public int mostCheapAtOnce() {
            return mostCheapAtOnce.get();
        }

        void begin(boolean dump) {
            started.incrementAndGet();
            if (dump) {
                dumps.incrementAndGet();
                mostDumpsAtOnce.accumulateAndGet(dumpsInFlight.incrementAndGet(), Math::max);
            } else {
                mostCheapAtOnce.accumulateAndGet(cheapInFlight.incrementAndGet(), Math::max);
            }
        }

        void end(boolean dump) {
            (dump ? dumpsInFlight : cheapInFlight).decrementAndGet();
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Traffic traffic;
    private final Duration delay;
    private final ConnectionThreads connections = new ConnectionThreads();

    private FourLetterProxy(ServerSocket listener, InetSocketAddress upstream, Traffic traffic, Duration delay) {
        this.listener = listener;
        this.upstream = upstream;
        this.traffic = traffic;
        this.delay = delay;
    }

    /** Starts forwarding 127.0.0.1:(free port) to {@code upstreamPort} on 127.0.0.1. */
    public static FourLetterProxy start(int upstreamPort, Traffic traffic, Duration delay) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FourLetterProxy p = new FourLetterProxy(s, new InetSocketAddress("127.0.0.1", upstreamPort), traffic, delay);
        p.connections.spawn("proxy-accept-" + s.getLocalPort(), p::acceptLoop);
        return p;
    }

    /**
     * A second address for one server, forwarding at once: zkwatch accepts an address in one ensemble only, so
     * tests that need the same server in two ensembles reach it once directly and once through this.
     */
    public static FourLetterProxy alias(int upstreamPort) throws IOException {
        return start(upstreamPort, new Traffic(), Duration.ZERO);
    }

    public String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!connections.closed()) {
            try {
                Socket client = listener.accept();
                connections.track(client);
                connections.spawn("proxy-conn-" + client.getPort(), () -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        boolean dump = false;
        boolean counted = false;
        Socket server = new Socket();
        connections.track(server);
        try (client; server) {
            byte[] word = client.getInputStream().readNBytes(4);
            String command = new String(word, StandardCharsets.US_ASCII);
            dump = DUMPS.contains(command);
            if (command.equals("wchc")) {
                traffic.wchcStarts.add(Instant.now());
            }
            traffic.begin(dump);
            counted = true;
            if (!delay.isZero()) {
                TimeUnit.MILLISECONDS.sleep(delay.toMillis());
            }
            server.connect(upstream, 2000);
            // A paused server never answers; do not wait for it much longer than any daemon would.
            server.setSoTimeout(20_000);
            server.getOutputStream().write(word);
            connections.spawn("proxy-up-" + client.getPort(), () -> pump(client, server, true));
            pump(server, client, false);
        } catch (IOException e) {
            // The daemon gave up or the server went away: either side closing ends the connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                traffic.end(dump);
            }
            connections.untrack(client);
            connections.untrack(server);
        }
    }

    /** Copies {@code from} to {@code to}; on end of input, half-closes {@code to} (toServer) or ends. */
    private static void pump(Socket from, Socket to, boolean toServer) {
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
            if (toServer) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // closed under us
        }
    }

    @Override
    public void close() throws IOException {
        connections.close(listener);
    }
}
