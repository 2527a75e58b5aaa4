package io.zkwatch.collectors.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Large, reproducible byte streams, compared by digest so no test holds 50 MB twice. */
final class TestBytes {
    private TestBytes() {
    }

    /** Writes {@code total} pseudo-random bytes from {@code seed}, as fast as the socket takes them. */
    static void writePattern(OutputStream out, long total, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[64 << 10];
        for (long left = total; left > 0; left -= block.length) {
            fill(random, block);
            out.write(block, 0, (int) Math.min(block.length, left));
        }
        out.flush();
    }

    /**
     * The fault of a slow server: {@code bytes} every {@code pauseMillis} until the client hangs up. The pause
     * is the behaviour under test, not synchronisation.
     */
    static void trickle(OutputStream out, int bytes, long pauseMillis) {
        byte[] piece = new byte[bytes];
        java.util.Arrays.fill(piece, (byte) ' ');
        try {
            while (true) {
                out.write(piece);
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (IOException clientGone) {
            // the client gave up, as it should
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] patternDigest(long total, long seed) throws IOException {
        MessageDigest digest = sha256();
        writePattern(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
            }
        }, total, seed);
        return digest.digest();
    }

    static byte[] digest(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 << 10];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    /** Files left in a spool directory. */
    static long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    private static void fill(SplittableRandom random, byte[] block) {
        for (int i = 0; i < block.length; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8; j++) {
                block[i + j] = (byte) (value >>> (8 * j));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
