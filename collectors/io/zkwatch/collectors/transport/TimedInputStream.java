package io.zkwatch.collectors.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * The socket's input with the call's deadline applied to every read: the read timeout is set to the time
 * left before each read, and the deadline is checked after it, so neither silence nor a trickle of bytes
 * can carry the call past its deadline.
 */
final class TimedInputStream extends FilterInputStream {
    private final Socket socket;
    private final Call call;

    TimedInputStream(InputStream in, Socket socket, Call call) {
        super(in);
        this.socket = socket;
        this.call = call;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        socket.setSoTimeout(call.deadline().timeoutMillis());
        int n = in.read(b, off, len);
        if (n > 0) {
            call.received(n);
        }
        call.deadline().check();
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported on a timed socket stream");
    }
}
