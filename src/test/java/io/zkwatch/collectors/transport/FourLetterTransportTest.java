package io.zkwatch.collectors.transport;

import static io.zkwatch.collectors.transport.FakeServer.replyWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.Command;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.Reply;
import io.zkwatch.collectors.ReplyFormat;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FourLetterTransportTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path spoolDir;

    private Limits limits(Duration deadline) {
        return TestLimits.of(spoolDir, deadline);
    }

    private CommandTransport transport(FakeServer server, Limits limits) {
        return Transports.fourLetter(HOST, server.port(), limits);
    }

    @Test
    void sendsTheFourLetterWordAndReturnsTheWholeReplyWithSizeAndTook() throws Exception {
        List<String> asked = new ArrayList<>();
        try (FakeServer server = FakeServer.plain(socket -> {
            asked.add(FakeServer.readWord(socket));
            socket.getOutputStream().write("zk_version\t3.9.5\nzk_watch_count\t27\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            CommandTransport transport = transport(server, limits(Duration.ofSeconds(5)));
            assertEquals(ReplyFormat.FOUR_LETTER, transport.format());
            assertEquals("127.0.0.1:" + server.port(), transport.target());
            try (Reply reply = transport.fetch(Command.MNTR)) {
                assertEquals(List.of("mntr"), asked);
                assertEquals(Command.MNTR, reply.command());
                assertEquals(ReplyFormat.FOUR_LETTER, reply.format());
                assertEquals(35, reply.size());
                assertTrue(reply.took().compareTo(Duration.ZERO) > 0 && reply.took().compareTo(Duration.ofSeconds(5)) < 0);
                try (InputStream in = reply.open()) {
                    assertEquals("zk_version\t3.9.5\nzk_watch_count\t27\n",
                            new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
        }
    }

    @Test
    void passesGarbageThroughUntouchedForTheParserToJudge() throws Exception {
        byte[] garbage = {0, (byte) 0xff, 'x', '\r', 0x7f, (byte) 0x80, '\n'};
        try (FakeServer server = FakeServer.plain(socket -> {
            FakeServer.readWord(socket);
            socket.getOutputStream().write(garbage);
        }); Reply reply = transport(server, limits(Duration.ofSeconds(5))).fetch(Command.WCHS)) {
            assertArrayEquals(garbage, SpoolWriterTest.readAll(reply.body()));
        }
    }

    @Test
    void drainsA50MegabyteDumpCompletelyAndByteExactThroughASpillFileThatCloseDeletes() throws Exception {
        long size = 50L << 20;
        try (FakeServer server = FakeServer.plain(socket -> {
            FakeServer.readWord(socket);
            TestBytes.writePattern(socket.getOutputStream(), size, 42);
        })) {
            Reply reply = transport(server, limits(Duration.ofSeconds(30))).fetch(Command.WCHP);
            try (reply) {
                assertEquals(size, reply.size());
                assertEquals(1, TestBytes.filesIn(spoolDir), "a reply beyond the memory budget spills to one file");
                try (InputStream in = reply.open()) {
                    assertArrayEquals(TestBytes.patternDigest(size, 42), TestBytes.digest(in));
                }
            }
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void abandonsAReplyPastMaxBytesAsTooLargeAndDeletesTheSpillFile() throws Exception {
        try (FakeServer server = FakeServer.plain(socket -> {
            FakeServer.readWord(socket);
            TestBytes.writePattern(socket.getOutputStream(), 50L << 20, 7);
        })) {
            CommandTransport transport = transport(server, limits(Duration.ofSeconds(30)).withMaxBytes(3L << 20));
            CollectorException e = Failures.expect(FailureKind.TOO_LARGE, transport, Command.WCHC);
            assertTrue(e.getMessage().contains("3145728"), e::getMessage);
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void acceptsAReplyOfExactlyMaxBytes() throws Exception {
        try (FakeServer server = FakeServer.plain(socket -> {
            FakeServer.readWord(socket);
            TestBytes.writePattern(socket.getOutputStream(), 1000, 7);
        }); Reply reply = transport(server, limits(Duration.ofSeconds(5)).withMaxBytes(1000)).fetch(Command.CONS)) {
            assertEquals(1000, reply.size());
        }
    }

    @Test
    void endsAServerThatAcceptsAndNeverAnswersAtTheDeadline() throws Exception {
        try (FakeServer server = FakeServer.plain(FakeServer::awaitClientClose)) {
            CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT,
                    transport(server, limits(Duration.ofMillis(1500))), Command.MNTR,
                    Duration.ofMillis(1400), Duration.ofSeconds(4));
            assertTrue(e.getMessage().contains("deadline of 1.5 s"), e::getMessage);
        }
    }

    @Test
    void endsAServerThatTricklesOneKilobytePerSecondAtTheDeadline() throws Exception {
        try (FakeServer server = FakeServer.plain(socket -> {
            FakeServer.readWord(socket);
            TestBytes.trickle(socket.getOutputStream(), 1024, 1000);
        })) {
            CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT,
                    transport(server, limits(Duration.ofMillis(2500))), Command.WCHP,
                    Duration.ofMillis(2400), Duration.ofSeconds(5));
            assertTrue(e.getMessage().contains("bytes received"), e::getMessage);
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void endsATrickleOfTinyWritesThatNeverLetsAReadTimeOut() throws Exception {
        // Each read succeeds well inside the read timeout; only the overall deadline can stop this one.
        try (FakeServer server = FakeServer.plain(socket -> {
            FakeServer.readWord(socket);
            TestBytes.trickle(socket.getOutputStream(), 1, 20);
        })) {
            Failures.expectWithin(FailureKind.TIMEOUT, transport(server, limits(Duration.ofMillis(1200))),
                    Command.WCHC, Duration.ofMillis(1100), Duration.ofSeconds(4));
        }
    }

    @Test
    void reportsTheWhitelistRefusalAsNotWhitelisted() throws Exception {
        try (FakeServer server = FakeServer.plain(replyWith("wchc is not executed because it is not in the whitelist.\n"))) {
            CollectorException e = Failures.expect(FailureKind.NOT_WHITELISTED,
                    transport(server, limits(Duration.ofSeconds(5))), Command.WCHC);
            assertTrue(e.getMessage().contains("4lw.commands.whitelist"), e::getMessage);
        }
    }

    @Test
    void reportsANonServingServerAsNotServing() throws Exception {
        try (FakeServer server = FakeServer.plain(replyWith("This ZooKeeper instance is not currently serving requests\n"))) {
            Failures.expect(FailureKind.NOT_SERVING, transport(server, limits(Duration.ofSeconds(5))), Command.MNTR);
        }
    }

    @Test
    void reportsAConnectionClosedWithoutAByteAsEmptyReply() throws Exception {
        try (FakeServer server = FakeServer.plain(FakeServer::readWord)) {
            CollectorException e = Failures.expect(FailureKind.EMPTY_REPLY,
                    transport(server, limits(Duration.ofSeconds(5))), Command.ISRO);
            assertTrue(e.getMessage().contains("unknown to this ZooKeeper version"), e::getMessage);
        }
    }

    @Test
    void reportsAClosedPortAsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CommandTransport transport = Transports.fourLetter(HOST, port, limits(Duration.ofSeconds(5)));
        Failures.expect(FailureKind.CONNECTION_REFUSED, transport, Command.RUOK);
    }

    @Test
    void givesUpConnectingAfterTheConnectTimeout() throws Exception {
        // A listener whose accept queue is full drops further SYNs, so the next connect hangs.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = fillAcceptQueue(listener);
            try {
                Limits limits = new Limits(Duration.ofMillis(500), Duration.ofSeconds(10), 1 << 20, 1 << 20, 1 << 20,
                        spoolDir);
                CommandTransport transport = Transports.fourLetter(HOST, listener.getLocalPort(), limits);
                CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT, transport, Command.MNTR,
                        Duration.ofMillis(450), Duration.ofSeconds(3));
                assertTrue(e.getMessage().contains("could not connect within"), e::getMessage);
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void refusesACommandThatHasNoFourLetterWordWithoutConnecting() throws Exception {
        try (FakeServer server = FakeServer.plain(replyWith("should not be asked"))) {
            Failures.expect(FailureKind.UNAVAILABLE, transport(server, limits(Duration.ofSeconds(5))), Command.VOTING_VIEW);
        }
    }

    @Test
    void oneInstanceServesConcurrentPollsEachWithItsOwnReply() throws Exception {
        try (FakeServer server = FakeServer.plain(socket -> {
            String word = FakeServer.readWord(socket);
            long seed = word.hashCode();
            TestBytes.writePattern(socket.getOutputStream(), 400_000 + (seed & 0xffff), seed);
        })) {
            CommandTransport transport = transport(server, limits(Duration.ofSeconds(30)));
            Command[] commands = {Command.WCHC, Command.WCHP, Command.CONS, Command.DUMP, Command.MNTR, Command.SRVR};
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    Command command = commands[i % commands.length];
                    results.add(pool.submit(() -> {
                        long seed = command.label().hashCode();
                        try (Reply reply = transport.fetch(command); InputStream in = reply.open()) {
                            return reply.size() == 400_000 + (seed & 0xffff) && java.util.Arrays.equals(
                                    TestBytes.patternDigest(reply.size(), seed), TestBytes.digest(in));
                        }
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertTrue(result.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    static List<Socket> fillAcceptQueue(ServerSocket listener) throws Exception {
        List<Socket> fillers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
                fillers.add(filler);
            } catch (SocketTimeoutException full) {
                filler.close();
                return fillers;
            }
        }
        throw new IllegalStateException("the accept queue never filled up; cannot test the connect timeout here");
    }
}
