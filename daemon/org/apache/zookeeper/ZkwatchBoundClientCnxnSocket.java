package org.apache.zookeeper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * zkwatch's ZooKeeper client socket: the client's NIO socket, bound to a chosen local address before it
 * connects, so one JVM can look like many client hosts (127.0.0.2, 127.0.0.3, ... on Linux loopback). The
 * demo's misbehaving populations and the tests use it to make per-client-host metrics meaningful.
 *
 * <p>It lives in ZooKeeper's package, outside zkwatch's own, because {@link ClientCnxnSocketNIO}'s constructor
 * and {@code createSock()} are package-private and ZooKeeper instantiates the socket class reflectively by
 * name. Select it per session with {@code io.zkwatch.daemon.localzk.ClientSessions#boundTo}, which sets the
 * client properties {@value ZKClientConfig#ZOOKEEPER_CLIENT_CNXN_SOCKET} = this class's name and
 * {@link #LOCAL_ADDRESS} = the address.
 */
public class ZkwatchBoundClientCnxnSocket extends ClientCnxnSocketNIO {

    /** Client property naming the local address to bind; without it the socket binds as usual. */
    public static final String LOCAL_ADDRESS = "zkwatch.client.localAddress";

    private final InetAddress localAddress;

    ZkwatchBoundClientCnxnSocket(ZKClientConfig clientConfig) throws IOException {
        super(clientConfig);
        String address = clientConfig.getProperty(LOCAL_ADDRESS);
        this.localAddress = address == null ? null : InetAddress.getByName(address);
    }

    @Override
    SocketChannel createSock() throws IOException {
        SocketChannel channel = super.createSock();
        if (localAddress != null) {
            try {
                channel.bind(new InetSocketAddress(localAddress, 0));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        return channel;
    }
}
