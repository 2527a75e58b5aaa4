package io.zkwatch.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads and open sockets of an in-test TCP server (a proxy in front of a real member), so that closing it
 * ends every connection it holds and waits for its threads: tests that count the JVM's threads and descriptors
 * afterwards must not see the proxy's.
 */
public final class ConnectionThreads {

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /** Whether {@link #close} has begun: accept and serve loops end on it. */
    public boolean closed() {
        return closed;
    }

    /** Starts {@code r} on a daemon thread that {@link #close} waits for. */
    public synchronized void spawn(String name, Runnable r) {
        threads.removeIf(t -> !t.isAlive());
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Remembers a socket for {@link #close} to close. */
    public void track(Socket s) {
        open.add(s);
    }

    public void untrack(Socket s) {
        open.remove(s);
    }

    /** Closes {@code listener} and every tracked socket, then waits (bounded) for every thread spawned. */
    public void close(ServerSocket listener) throws IOException {
        closed = true;
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        List<Thread> all;
        synchronized (this) {
            all = List.copyOf(threads);
        }
        for (Thread t : all) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
