package io.zkwatch.collectors.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.Connection;
import io.zkwatch.collectors.Connection.ClientAddress;
import io.zkwatch.collectors.ParseOptions;
import io.zkwatch.collectors.ReplyFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsLine}, the byte-level reader of the usual {@code cons} line, against the String-based reader that
 * decides every other line: whatever line the byte reader takes, it must give the very connection the String reader
 * gives, and it must leave to the String reader every line that one refuses (so refusals keep their messages).
 */
class ConsLineTest {

    private static final String SESSION = " /10.1.0.7:30007[1](queued=0,recved=107,sent=107,sid=0x100007499e30007,"
            + "lop=PING,est=1795422736447,to=30000,lcxid=0x7,lzxid=0x100000039,lresp=7679503,llat=1,minlat=0,"
            + "avglat=0,maxlat=10)";
    private static final String QUERY = " /127.0.0.1:49836[0](queued=0,recved=1,sent=0)";

    /** What the String reader makes of a line: the connection, or the failure's kind and message. */
    private static String exact(byte[] line) {
        try {
            LineScanner scanner = scanner(line);
            return "ok " + ConsCollector.fourLetterConnection(scanner);
        } catch (CollectorException e) {
            return e.kind() + " " + e.getMessage();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return "record " + e.getMessage();
        }
    }

    /** The byte reader's connection, or empty when it leaves the line. */
    private static Optional<Connection> usual(byte[] line) throws CollectorException {
        ConsLine reader = new ConsLine();
        LineScanner scanner = scanner(line);
        return reader.read(scanner.bytes(), scanner.start(), scanner.end()) ? Optional.of(reader.connection())
                : Optional.empty();
    }

    private static LineScanner scanner(byte[] line) throws CollectorException {
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        LineScanner scanner = new LineScanner(new ByteArrayInputStream(withNewline), Command.CONS, ParseOptions.defaults());
        assertTrue(scanner.next());
        return scanner;
    }

    private static void assertSameAsExact(String line) throws CollectorException {
        assertSameAsExact(line.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameAsExact(byte[] line) throws CollectorException {
        Optional<Connection> usual = usual(line);
        if (usual.isPresent()) {
            assertEquals(exact(line), "ok " + usual.get(), new String(line, StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsTheUsualLinesItselfAndAsTheExactReaderDoes() throws Exception {
        for (String line : List.of(SESSION, QUERY,
                " client7.example.org/10.1.2.3:41000[5](queued=2,recved=900,sent=898,sid=0xff00007499e30001,lop=SETW,"
                        + "est=1795422736440,to=40000,lcxid=0x1f,lzxid=0xffffffffffffffff,lresp=7679496,llat=3,minlat=0,"
                        + "avglat=2,maxlat=40)",
                " /[0:0:0:0:0:0:0:1]:52885[1](queued=0,recved=7,sent=7,sid=0x100007499e30000,lop=GETD,est=1795422736395,"
                        + "to=30000,lzxid=0x100000039,lresp=7679463,llat=1,minlat=0,avglat=1,maxlat=6)",
                " /0:0:0:0:0:0:0:1:52884[0](queued=0,recved=1,sent=0)")) {
            assertTrue(usual(line.getBytes(StandardCharsets.US_ASCII)).isPresent(), line);
            assertSameAsExact(line);
        }
    }

    /**
     * A line whose every field holds a different number: each must land in its own value, read in place, by the
     * String reader (a non-ASCII host name sends the line there) and from the AdminServer's JSON.
     */
    @Test
    void everyFieldLandsInItsOwnValue() throws Exception {
        String fields = "(queued=2,recved=3,sent=4,sid=0x100007499e30005,lop=GETD,est=1795422736006,to=30007,"
                + "lcxid=0x8,lzxid=0x100000009,lresp=7679510,llat=11,minlat=12,avglat=13,maxlat=14)";
        List<Connection> read = new ArrayList<>();
        read.add(usual((" /10.1.0.7:30001[1]" + fields).getBytes(StandardCharsets.UTF_8)).orElseThrow());
        read.add(ConsCollector.fourLetterConnection(
                scanner((" h\u00f6st/10.1.0.7:30001[1]" + fields).getBytes(StandardCharsets.UTF_8))));
        String json = "{\"connections\":[{\"remote_socket_address\":\"10.1.0.7:30001\",\"interest_ops\":1,"
                + "\"outstanding_requests\":2,\"packets_received\":3,\"packets_sent\":4,"
                + "\"session_id\":72058094835924997,\"last_operation\":\"GETD\",\"established\":1795422736006,"
                + "\"session_timeout\":30007,\"last_cxid\":8,\"last_zxid\":4294967305,"
                + "\"last_response_time\":7679510,\"last_latency\":11,\"min_latency\":12,\"avg_latency\":13,"
                + "\"max_latency\":14}],\"secure_connections\":[]}";
        read.add(new ConsCollector(ParseOptions.defaults()).parse(Fixtures.reply(Command.CONS, ReplyFormat.ADMIN_JSON,
                json)).connections().get(0));
        for (Connection c : read) {
            String where = c.toString();
            assertEquals(List.of(1L, 2L, 3L, 4L), List.of((long) c.interestOps(), c.queued(), c.received(), c.sent()),
                    where);
            assertEquals(OptionalLong.of(0x100007499e30005L), c.sessionId(), where);
            assertEquals(Optional.of("GETD"), c.lastOperation(), where);
            assertEquals(OptionalLong.of(1795422736006L), c.established(), where);
            assertEquals(OptionalInt.of(30007), c.sessionTimeout(), where);
            assertEquals(List.of(OptionalLong.of(8), OptionalLong.of(0x100000009L), OptionalLong.of(7679510),
                    OptionalLong.of(11), OptionalLong.of(12), OptionalLong.of(13), OptionalLong.of(14)),
                    List.of(c.lastCxid(), c.lastZxid(), c.lastResponse(), c.lastLatency(), c.minLatency(),
                            c.avgLatency(), c.maxLatency()), where);
        }
    }

    @Test
    void theQueryingSocketHasNoSessionAndNoSessionFields() throws Exception {
        Connection c = usual(QUERY.getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertEquals(new ClientAddress(Optional.empty(), Optional.of("127.0.0.1"), 49836), c.address().orElseThrow());
        assertEquals(OptionalLong.empty(), c.sessionId());
        assertEquals(Optional.empty(), c.lastOperation());
        assertEquals(OptionalInt.empty(), c.sessionTimeout());
        assertEquals(1, c.received());
    }

    @Test
    void fieldsInAnyOrderUnknownFieldsAndRepeatsReadAsTheExactReaderReadsThem() throws Exception {
        for (String fields : List.of(
                "maxlat=10,sent=5,queued=0,recved=6,sid=0x1,lop=GETD,to=30000",
                "queued=0,recved=1,sent=0,future=0x12,sid=0x2a,newfield=7,lop=CREA,est=1,lcxid=0xffffffffffffffff",
                "queued=0,recved=1,sent=0,sent=9,lop=PING,lop=GETACN,sid=0x3",
                "queued=0,recved=1,sent=0,sid=0,lop=PING,est=5,to=1",
                "queued=0,recved=1,sent=0,lop=,sid=0x1",
                "queued=0,recved=1,sent=0,sid=0x1,lop=ZZZZ=x)(,to=7",
                "queued=007,recved=000000000000000001,sent=0x0000000000000001,sid=0xABCDEF",
                "queued=12345678,recved=123456789,sent=999999999999999999,sid=0x1,est=87654321,lresp=0",
                "queued=0,recved=1234567,sent=12345678901,sid=0x1,est=00000000000000000")) {
            String line = " /10.0.0.1:2181[1](" + fields + ")";
            assertTrue(usual(line.getBytes(StandardCharsets.US_ASCII)).isPresent(), line);
            assertSameAsExact(line);
        }
        Connection c = usual(" h/10.0.0.1:2181[1](queued=0,recved=1,sent=0,sid=0x1,lop=WXYZ)"
                .getBytes(StandardCharsets.US_ASCII)).orElseThrow();
        assertEquals(Optional.of("WXYZ"), c.lastOperation(), "an operation code of a later version is kept");
        assertSame(usual(SESSION.getBytes(StandardCharsets.US_ASCII)).orElseThrow().lastOperation().orElseThrow(),
                usual(SESSION.getBytes(StandardCharsets.US_ASCII)).orElseThrow().lastOperation().orElseThrow(),
                "a known operation code is one shared String");
    }

    @Test
    void leavesEveryLineTheExactReaderRefusesOrReadsDifferently() throws Exception {
        for (String line : List.of(
                " /10.0.0.1:2181[1](queued=0,recved=1)", // no sent
                " /10.0.0.1:2181[1](queued=-1,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=+1,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=0x,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=0xffffffffffffffff,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=1234567890123456789,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=12345678:,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=1234567/,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=123456789012345678901234)",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0,sid=0x1,to=3000000000)",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0,)",
                " /10.0.0.1:2181[1]()",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0,lop=a](b)",
                " /10.0.0.1:2181[1](queued=0,x](y=1,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0,junk)",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0,x=abc)",
                " /10.0.0.1:2181[80000000](queued=0,recved=1,sent=0)",
                " /10.0.0.1:2181[1A](queued=0,recved=1,sent=0)",
                " /10.0.0.1:2181[](queued=0,recved=1,sent=0)",
                " /10.0.0.1:2181[123456789](queued=0,recved=1,sent=0)",
                " /10.0.0.1:99999[1](queued=0,recved=1,sent=0)",
                " /10.0.0.1:+80[1](queued=0,recved=1,sent=0)",
                " /10.0.0.1:[1](queued=0,recved=1,sent=0)",
                " /10.0.0.1[1](queued=0,recved=1,sent=0)",
                " 10.0.0.1:2181[1](queued=0,recved=1,sent=0)",
                " null[1](queued=0,recved=1,sent=0)",
                " host/<unresolved>:2181[1](queued=0,recved=1,sent=0)",
                " host/[]:2181[1](queued=0,recved=1,sent=0)",
                " /[:2181[1](queued=0,recved=1,sent=0)",
                " /:2181[1](queued=0,recved=1,sent=0)",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0",
                " /10.0.0.1:2181[1](queued=0,recved=1,sent=0)x)",
                " /10.0.0.1:2181[1](queued=0,recved=１,sent=0)",
                " hóst/10.0.0.1:2181[1](queued=0,recved=1,sent=0)",
                "[1](queued=0,recved=1,sent=0)")) {
            assertFalse(usual(line.getBytes(StandardCharsets.UTF_8)).isPresent(), line);
        }
    }

    /**
     * Random edits of real lines (bytes replaced, inserted or removed, drawn mostly from the characters that give a
     * line its structure): whatever the byte reader takes must equal what the exact reader makes of it.
     */
    @Test
    void agreesWithTheExactReaderOnRandomlyEditedLines() throws Exception {
        List<byte[]> lines = new ArrayList<>();
        for (var fixture : Fixtures.all(Command.CONS)) {
            if (fixture.format() == ReplyFormat.FOUR_LETTER) {
                for (String l : new String(Files.readAllBytes(fixture.file()), StandardCharsets.UTF_8).split("\r?\n")) {
                    if (!l.isEmpty()) {
                        lines.add(l.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        lines.add(SESSION.getBytes(StandardCharsets.US_ASCII));
        lines.add(QUERY.getBytes(StandardCharsets.US_ASCII));
        byte[] alphabet = "0123456789012345678901234567890123456789abcdefxX,=()[]:;/ -+<>Ａ\u00ff"
                .getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(6);
        int taken = 0;
        for (int round = 0; round < 40_000; round++) {
            byte[] line = lines.get(random.nextInt(lines.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && line.length > 1; e++) {
                int at = random.nextInt(line.length);
                byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                line = switch (random.nextInt(3)) {
                    case 0 -> replace(line, at, b);
                    case 1 -> insert(line, at, b);
                    default -> remove(line, at);
                };
            }
            Optional<Connection> usual = usual(line);
            if (usual.isPresent()) {
                taken++;
                assertEquals(exact(line), "ok " + usual.get(), new String(line, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(taken > 5_000, "the byte reader took only " + taken + " edited lines");
    }

    private static byte[] replace(byte[] line, int at, byte b) {
        line[at] = b;
        return line;
    }

    private static byte[] insert(byte[] line, int at, byte b) {
        byte[] out = new byte[line.length + 1];
        System.arraycopy(line, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(line, at, out, at + 1, line.length - at);
        return out;
    }

    private static byte[] remove(byte[] line, int at) {
        byte[] out = new byte[line.length - 1];
        System.arraycopy(line, 0, out, 0, at);
        System.arraycopy(line, at + 1, out, at, line.length - at - 1);
        return out;
    }
}
