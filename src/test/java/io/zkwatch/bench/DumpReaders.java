package io.zkwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Readers of one four-letter-word dump other than zkwatch: {@code nc}, and a deliberately slow Java client. */
final class DumpReaders {

    /** What one reader got: the bytes of the dump and the time from connect to the server's close. */
    record Read(String reader, String word, long bytes, double seconds) {
    }

    private DumpReaders() {
    }

    /** {@code printf <word> | nc -N host port | wc -c}: the server's own formatting speed, nothing in between. */
    static Read nc(String host, int port, String word) throws IOException, InterruptedException {
        List<String> command = List.of("sh", "-c",
                "printf %s '" + word + "' | nc -N " + host + " " + port + " | wc -c");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            return new Read("nc", word, Long.parseLong(out), seconds);
        } catch (NumberFormatException e) {
            throw new IOException("nc printed no byte count: " + out, e);
        }
    }

    /**
     * Reads the dump no faster than {@code bytesPerSecond}, as a client that parses while it reads would: what
     * zkwatch must never do, because the server writes the dump under its watch-manager lock.
     */
    static Read throttled(String host, int port, String word, long bytesPerSecond) throws IOException {
        long t0 = System.nanoTime();
        long total = 0;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(64 * 1024);
            s.connect(new InetSocketAddress(host, port), 5_000);
            s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                long due = t0 + (long) (total * 1e9 / bytesPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Read("slow reader", word, total, (System.nanoTime() - t0) / 1e9);
    }
}
