package io.zkwatch.daemon.export;

import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import io.zkwatch.collectors.Spool;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * 4lw replies far larger than any fixture, generated record by record while a collector reads them, in the
 * exact text format of ZooKeeper's {@code wchc}, {@code wchp} and {@code cons}: the parsers see what a server of
 * that size would send, and the whole text never exists in memory.
 */
final class GeneratedReplies {

    private GeneratedReplies() {
    }

    /** A reply whose body is {@code records.apply(i)} for i in [0, count), then {@code trailer}. */
    static Reply reply(Command command, int count, IntFunction<String> records, String trailer) {
        return new Reply(command, ReplyFormat.FOUR_LETTER, new Spool() {
            @Override
            public long size() {
                return -1;
            }

            @Override
            public InputStream open() {
                return new RecordStream(count, records, trailer);
            }

            @Override
            public void close() {
            }
        }, Duration.ZERO);
    }

    /** {@code wchc}: each session id line, then its paths indented by a tab. */
    static String sessionRecord(long sessionId, Iterable<String> paths) {
        StringBuilder sb = new StringBuilder("0x").append(Long.toHexString(sessionId)).append('\n');
        for (String p : paths) {
            sb.append('\t').append(p).append('\n');
        }
        return sb.toString();
    }

    /** {@code wchp}: each path line, then its sessions indented by a tab. */
    static String pathRecord(String path, long... sessionIds) {
        StringBuilder sb = new StringBuilder(path).append('\n');
        for (long s : sessionIds) {
            sb.append("\t0x").append(Long.toHexString(s)).append('\n');
        }
        return sb.toString();
    }

    /** One {@code cons} line of an established session, as a 3.9 NIO server prints it. */
    static String connectionLine(String ip, int port, long sessionId) {
        return " /" + ip + ":" + port + "[1](queued=0,recved=10,sent=10,sid=0x" + Long.toHexString(sessionId)
                + ",lop=PING,est=1795422736440,to=30000,lcxid=0x8,lzxid=0x100000039,lresp=7679496,llat=1,minlat=0,"
                + "avglat=0,maxlat=3)\n";
    }

    private static final class RecordStream extends InputStream {
        private final int count;
        private final IntFunction<String> records;
        private final byte[] trailer;
        private int next;
        private byte[] chunk = new byte[0];
        private int pos;

        RecordStream(int count, IntFunction<String> records, String trailer) {
            this.count = count;
            this.records = records;
            this.trailer = trailer.getBytes(StandardCharsets.UTF_8);
        }

        private boolean fill() {
            while (pos == chunk.length) {
                if (next > count) {
                    return false;
                }
                chunk = next == count ? trailer : records.apply(next).getBytes(StandardCharsets.UTF_8);
                next++;
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? chunk[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
