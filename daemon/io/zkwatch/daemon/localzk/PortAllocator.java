package io.zkwatch.daemon.localzk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports, found by letting the kernel pick them. All sockets of one request stay open until the
 * last is bound, so one request never returns the same port twice. Another process can still take a port
 * before the server binds it; {@link LocalEnsemble} notices that in the server's log and retries.
 */
final class PortAllocator {

    private PortAllocator() {
    }

    static int[] allocate(int count) {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(ZooCfg.HOST, 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new LocalZkException("cannot find " + count + " free ports on " + ZooCfg.HOST + ": " + e, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that was never used cannot lose anything.
                }
            }
        }
    }
}
