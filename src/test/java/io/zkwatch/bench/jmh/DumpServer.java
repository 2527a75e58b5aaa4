package io.zkwatch.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A loopback TCP server answering four-letter words with fixed bytes, one connection at a time, as a ZooKeeper
 * server does: read the 4-byte command, write the whole reply, close. It stands in for a server holding millions
 * of watches in the end-to-end benchmarks, so that both clients read the same bytes over a real socket.
 */
final class DumpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Map<String, byte[]> replies;
    private final Thread thread;

    DumpServer(Map<String, byte[]> replies) throws IOException {
        this.replies = Map.copyOf(replies);
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.thread = new Thread(this::serve, "dump-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                byte[] cmd = in.readNBytes(4);
                byte[] reply = replies.getOrDefault(new String(cmd, StandardCharsets.US_ASCII), new byte[0]);
                OutputStream out = s.getOutputStream();
                out.write(reply);
                out.flush();
                s.shutdownOutput();
            } catch (SocketException closedOrReset) {
                // the server was closed, or a client went away early: serve the next one, if any
            } catch (IOException e) {
                // one failed connection must not stop the benchmark's server
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
