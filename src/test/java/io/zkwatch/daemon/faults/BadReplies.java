package io.zkwatch.daemon.faults;

import io.zkwatch.daemon.faults.FaultProxy.Fault;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The replies of a member that lies: each a {@link Fault} for {@link FaultProxy#set}. */
final class BadReplies {

    private BadReplies() {
    }

    /** Lines of printable noise: no {@code zk_key<tab>value}, no refusal text, valid ASCII. */
    static Fault garbage() {
        return (real, out) -> out.write("\u0001\u0002%#@!garbage-bytes ~~~ }{\n<html>not zookeeper</html>\n"
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** The real reply with one value's bytes replaced by a lone UTF-8 lead byte followed by ASCII (0xC3 0x28). */
    static Fault invalidUtf8() {
        return (real, out) -> {
            String text = new String(real, StandardCharsets.US_ASCII);
            int tab = text.indexOf('\t');
            byte[] copy = real.clone();
            copy[tab + 1] = (byte) 0xC3;
            copy[tab + 2] = (byte) 0x28;
            out.write(copy);
        };
    }

    /** The real reply with every LF turned into CRLF: a reply from a Windows-minded middlebox. */
    static Fault crlf() {
        return (real, out) -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (byte x : real) {
                if (x == '\n') {
                    b.write('\r');
                }
                b.write(x);
            }
            out.write(b.toByteArray());
        };
    }

    /** {@code bytes} of {@code x} and never a newline, written as fast as the daemon reads. */
    static Fault endlessLine(long bytes) {
        return (real, out) -> {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
            }
        };
    }

    /** Nothing at all: the connection is closed with zero bytes written. */
    static Fault empty() {
        return (real, out) -> { };
    }

    /**
     * The real reply, then more well-formed lines forever, at {@code bytesPerSecond} in ten writes a second: a
     * member that never stops talking, slowly. Only the daemon's deadline ends it (the write fails).
     */
    static Fault trickle(int bytesPerSecond) {
        return (real, out) -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(real);
            for (int i = 0; all.size() < 1 << 20; i++) {
                all.write(("zk_trickle_" + i + "\t" + i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            byte[] bytes = all.toByteArray();
            int step = Math.max(1, bytesPerSecond / 10);
            for (int at = 0; at < bytes.length; at += step) {
                out.write(bytes, at, Math.min(step, bytes.length - at));
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100); // the pace of the fault, not a synchronisation
            }
        };
    }

    /**
     * The first half of the real reply's lines, each complete, then end of stream: the Netty server's half-close
     * cutting a dump short. Only a cross-check with the member's own totals can see it.
     */
    static Fault truncatedAtRecord() {
        return (real, out) -> {
            int lines = 0;
            for (byte x : real) {
                lines += x == '\n' ? 1 : 0;
            }
            int keep = lines / 2;
            int end = 0;
            for (int seen = 0; end < real.length && seen < keep; end++) {
                seen += real[end] == '\n' ? 1 : 0;
            }
            out.write(real, 0, end);
        };
    }

    /**
     * Half the real reply, cut in the middle of a line, then waits for {@code release} and ends the stream: a
     * member killed while it writes a dump. {@code inFlight} opens when the first half is out.
     */
    static Fault cutMidRecordAfter(CountDownLatch inFlight, CountDownLatch release) {
        return (real, out) -> {
            int cut = real.length / 2;
            while (cut > 1 && (real[cut - 1] == '\n' || real[cut] == '\n')) {
                cut--;
            }
            out.write(real, 0, cut);
            out.flush();
            inFlight.countDown();
            release.await(30, TimeUnit.SECONDS);
        };
    }
}
