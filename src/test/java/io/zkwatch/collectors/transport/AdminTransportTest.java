package io.zkwatch.collectors.transport;

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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminTransportTest {
    private static final String RUOK = "{\n  \"command\" : \"ruok\",\n  \"error\" : null\n}";

    @TempDir
    Path spoolDir;

    private Limits limits(Duration deadline) {
        return TestLimits.of(spoolDir, deadline);
    }

    private CommandTransport transport(AdminEndpoint endpoint) {
        return Transports.admin(endpoint, limits(Duration.ofSeconds(10)));
    }

    private static String text(Reply reply) throws Exception {
        try (InputStream in = reply.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void getsTheCommandUnderTheCommandsRootAndReturnsTheJsonBody() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        try (FakeHttp http = FakeHttp.http().on("/commands/", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getPath());
            seen.put("host", exchange.getRequestHeaders().getFirst("Host"));
            seen.put("accept", exchange.getRequestHeaders().getFirst("Accept"));
            FakeHttp.send(exchange, 200, RUOK);
        })) {
            CommandTransport transport = transport(AdminEndpoint.of(http.baseUrl()));
            assertEquals(ReplyFormat.ADMIN_JSON, transport.format());
            assertEquals(http.baseUrl(), transport.target());
            try (Reply reply = transport.fetch(Command.RUOK)) {
                assertEquals(RUOK, text(reply));
                assertEquals(RUOK.length(), reply.size());
                assertEquals(ReplyFormat.ADMIN_JSON, reply.format());
                assertTrue(reply.took().compareTo(Duration.ofSeconds(10)) < 0);
            }
            assertEquals(Map.of("method", "GET", "path", "/commands/ruok", "host", http.baseUrl().substring(7),
                    "accept", "application/json"), seen);
        }
    }

    @Test
    void sendsTheConfiguredAuthorizationValue() throws Exception {
        try (FakeHttp http = FakeHttp.http().on("/commands/", exchange -> {
            boolean ok = "digest root:pw".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            FakeHttp.send(exchange, ok ? 200 : 401, ok ? RUOK : FakeHttp.zkError("ruok", "Not authenticated"));
        })) {
            AdminEndpoint endpoint = AdminEndpoint.of(http.baseUrl());
            Failures.expect(FailureKind.HTTP_UNAUTHORIZED, transport(endpoint), Command.RUOK);
            try (Reply reply = transport(endpoint.withAuthorization("digest root:pw")).fetch(Command.RUOK)) {
                assertEquals(RUOK, text(reply));
            }
        }
    }

    @Test
    void usesAConfiguredCommandsRoot() throws Exception {
        try (FakeHttp http = FakeHttp.http().on("/admin/cmds/", FakeHttp.json(200, RUOK))) {
            AdminEndpoint endpoint = AdminEndpoint.of(http.baseUrl());
            try (Reply reply = transport(endpoint.withCommandsRoot("/admin/cmds")).fetch(Command.RUOK)) {
                assertEquals(RUOK, text(reply));
            }
            CollectorException e = Failures.expect(FailureKind.HTTP_NOT_FOUND, transport(endpoint), Command.RUOK);
            assertTrue(e.getMessage().contains("HTTP 404"), e::getMessage);
            assertTrue(e.getMessage().contains(http.baseUrl() + "/commands/ruok"), e::getMessage);
        }
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"401, HTTP_UNAUTHORIZED", "403, HTTP_UNAUTHORIZED", "404, HTTP_NOT_FOUND", "500, HTTP_STATUS",
            "503, HTTP_STATUS", "302, HTTP_STATUS", "400, HTTP_STATUS"})
    void mapsHttpStatusesWithoutAnErrorField(int status, FailureKind kind) throws Exception {
        try (FakeHttp http = FakeHttp.http().on("/commands/", exchange -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            byte[] html = "<html><body>nope</body></html>".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(status, html.length);
            exchange.getResponseBody().write(html);
        })) {
            CollectorException e = Failures.expect(kind, transport(AdminEndpoint.of(http.baseUrl())), Command.MNTR);
            assertTrue(e.getMessage().contains("HTTP " + status), e::getMessage);
            assertEquals(status == 302, e.getMessage().contains("Location: /elsewhere"), e::getMessage);
        }
    }

    @ParameterizedTest(name = "HTTP {0} with error \"{1}\" -> {2}")
    @CsvSource({
            "200, 'Unknown command: watches', HTTP_NOT_FOUND",
            "200, 'This ZooKeeper instance is not currently serving requests', NOT_SERVING",
            "401, 'Auth info is missing for the command', HTTP_UNAUTHORIZED",
            "401, 'Not authenticated', HTTP_UNAUTHORIZED",
            "403, 'Not authorized', HTTP_UNAUTHORIZED",
            "500, 'Error occurred during auth', HTTP_UNAUTHORIZED",
            "200, 'server is not initialized', UNAVAILABLE",
            "500, 'something else broke', HTTP_STATUS"})
    void mapsZooKeepersErrorFieldBeforeTheStatus(int status, String error, FailureKind kind) throws Exception {
        try (FakeHttp http = FakeHttp.http().on("/commands/", FakeHttp.json(status, FakeHttp.zkError("watches", error)))) {
            CollectorException e = Failures.expect(kind, transport(AdminEndpoint.of(http.baseUrl())), Command.WCHC);
            assertTrue(e.getMessage().contains(error), e::getMessage);
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void findsTheErrorFieldAfterALargeBodyAndIgnoresNestedErrorFields() throws Exception {
        String big = "{\"path_to_session_ids\":{" + "\"/a/b\":[1,2,3],".repeat(100_000) + "\"/z\":[{\"error\":\"x\"}]},"
                + "\"command\":\"watches_by_path\",\"error\":\"This ZooKeeper instance is not currently serving requests\"}";
        String fine = "{\"nested\":{\"error\":\"not me\"},\"list\":[{\"error\":\"nor me\"}],\"command\":\"x\",\"error\":null}";
        try (FakeHttp http = FakeHttp.http()
                .on("/commands/watches_by_path", FakeHttp.json(200, big))
                .on("/commands/watches", FakeHttp.json(200, fine))) {
            CommandTransport transport = transport(AdminEndpoint.of(http.baseUrl()));
            Failures.expect(FailureKind.NOT_SERVING, transport, Command.WCHP);
            try (Reply reply = transport.fetch(Command.WCHC)) {
                assertEquals(fine, text(reply));
            }
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void reportsA200WithAnEmptyBodyAsEmptyReply() throws Exception {
        try (FakeHttp http = FakeHttp.http().on("/commands/", FakeHttp.json(200, ""))) {
            Failures.expect(FailureKind.EMPTY_REPLY, transport(AdminEndpoint.of(http.baseUrl())), Command.MNTR);
        }
    }

    @Test
    void drainsALargeChunkedBodyByteExactThroughASpillFile() throws Exception {
        long size = 30L << 20;
        try (FakeHttp http = FakeHttp.http().on("/commands/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            TestBytes.writePattern(exchange.getResponseBody(), size, 5);
        })) {
            try (Reply reply = transport(AdminEndpoint.of(http.baseUrl())).fetch(Command.WCHP);
                 InputStream in = reply.open()) {
                assertEquals(size, reply.size());
                assertEquals(1, TestBytes.filesIn(spoolDir));
                assertArrayEquals(TestBytes.patternDigest(size, 5), TestBytes.digest(in));
            }
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void abandonsOversizedBodiesChunkedOrNotAsTooLargeAndDeletesTheSpool() throws Exception {
        long size = 50L << 20;
        try (FakeHttp http = FakeHttp.http()
                .on("/commands/watches", exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    TestBytes.writePattern(exchange.getResponseBody(), size, 6);
                })
                .on("/commands/watches_by_path", exchange -> {
                    exchange.sendResponseHeaders(200, size);
                    TestBytes.writePattern(exchange.getResponseBody(), size, 6);
                })) {
            CommandTransport transport = Transports.admin(AdminEndpoint.of(http.baseUrl()),
                    limits(Duration.ofSeconds(30)).withMaxBytes(2L << 20));
            Failures.expect(FailureKind.TOO_LARGE, transport, Command.WCHC);
            assertEquals(0, TestBytes.filesIn(spoolDir));
            Failures.expect(FailureKind.TOO_LARGE, transport, Command.WCHP);
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void endsATrickledBodyAtTheDeadline() throws Exception {
        try (FakeHttp http = FakeHttp.http().on("/commands/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            TestBytes.trickle(exchange.getResponseBody(), 1024, 1000);
        })) {
            CommandTransport transport = Transports.admin(AdminEndpoint.of(http.baseUrl()), limits(Duration.ofMillis(2500)));
            CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT, transport, Command.WCHP,
                    Duration.ofMillis(2400), Duration.ofSeconds(5));
            assertTrue(e.getMessage().contains("reading the reply"), e::getMessage);
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void endsAServerThatNeverSendsHeadersAtTheDeadline() throws Exception {
        try (FakeServer server = FakeServer.plain(FakeServer::awaitClientClose)) {
            CommandTransport transport = Transports.admin(AdminEndpoint.of("http://127.0.0.1:" + server.port()),
                    limits(Duration.ofMillis(1500)));
            CollectorException e = Failures.expectWithin(FailureKind.TIMEOUT, transport, Command.MNTR,
                    Duration.ofMillis(1400), Duration.ofSeconds(4));
            assertTrue(e.getMessage().contains("HTTP response headers"), e::getMessage);
        }
    }

    @Test
    void returnsAsSoonAsTheDeclaredBodyIsReadEvenIfTheServerKeepsTheConnectionOpen() throws Exception {
        try (FakeServer server = FakeServer.plain(socket -> {
            socket.getInputStream().readNBytes(16);
            socket.getOutputStream().write(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: "
                    + RUOK.length() + "\r\nContent-Type: application/json\r\n\r\n" + RUOK).getBytes(StandardCharsets.UTF_8));
            FakeServer.awaitClientClose(socket);
        })) {
            CommandTransport transport = Transports.admin(AdminEndpoint.of("http://127.0.0.1:" + server.port()),
                    limits(Duration.ofSeconds(20)));
            try (Reply reply = transport.fetch(Command.RUOK)) {
                assertEquals(RUOK, text(reply));
                assertTrue(reply.took().compareTo(Duration.ofSeconds(5)) < 0, () -> "took " + reply.took());
            }
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "HTTP/1.1 200 OK\\r\\nContent-Length: 100\\r\\n\\r\\n{\"command\":|TRUNCATED",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\r\\nzz\\r\\n|UNPARSEABLE",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n100\\r\\nhello|TRUNCATED",
            "HTTP/1.1 200 OK\\r\\nContent-Len|TRUNCATED",
            "SSH-2.0-OpenSSH_9.2\\r\\n|UNPARSEABLE",
            "HTTP/1.1 200 OK\\r\\nContent-Length: -5\\r\\n\\r\\n|UNPARSEABLE",
            "''|EMPTY_REPLY"})
    void reportsBrokenHttpFraming(String response, FailureKind kind) throws Exception {
        byte[] bytes = response.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        try (FakeServer server = FakeServer.plain(socket -> {
            socket.getInputStream().readNBytes(16);
            socket.getOutputStream().write(bytes);
        })) {
            CommandTransport transport = Transports.admin(AdminEndpoint.of("http://127.0.0.1:" + server.port()),
                    limits(Duration.ofSeconds(5)));
            Failures.expect(kind, transport, Command.MNTR);
            assertEquals(0, TestBytes.filesIn(spoolDir));
        }
    }

    @Test
    void decodesChunkedBodiesWithExtensionsAndTrailers() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "4;name=value\r\n{\"a\"\r\n6\r\n:1, \"b\r\n3\r\n\":2\r\n1\r\n}\r\n0\r\nX-Trailer: 1\r\n\r\n";
        try (FakeServer server = FakeServer.plain(socket -> {
            socket.getInputStream().readNBytes(16);
            socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
            FakeServer.awaitClientClose(socket);
        })) {
            CommandTransport transport = Transports.admin(AdminEndpoint.of("http://127.0.0.1:" + server.port()),
                    limits(Duration.ofSeconds(20)));
            try (Reply reply = transport.fetch(Command.MNTR)) {
                assertEquals("{\"a\":1, \"b\":2}", text(reply));
            }
        }
    }

    @Test
    void reportsAClosedAdminPortAsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Failures.expect(FailureKind.CONNECTION_REFUSED, transport(AdminEndpoint.of("http://127.0.0.1:" + port)),
                Command.MNTR);
    }

    @Test
    void speaksHttpsWithAClientCertificate() throws Exception {
        TestPki pki = TestPki.newCa("admin-ca");
        TlsMaterial material = TlsMaterial.builder()
                .keyStore(TestPki.writeKeyStore(pki.client(), spoolDir.resolve("../admin-client.p12").normalize(),
                        "PKCS12"), TestPki.PASSWORD)
                .trustStore(pki.writeCaPem(spoolDir.resolve("../admin-ca.pem").normalize()), new char[0])
                .build();
        List<String> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FakeHttp https = FakeHttp.https(pki.serverContext(pki.server()), true).on("/commands/", exchange -> {
            clients.add(((com.sun.net.httpserver.HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName());
            FakeHttp.send(exchange, 200, RUOK);
        })) {
            AdminEndpoint endpoint = AdminEndpoint.of(https.baseUrl()).withTls(TlsSettings.of(material));
            try (Reply reply = transport(endpoint).fetch(Command.RUOK)) {
                assertEquals(RUOK, text(reply));
            }
            assertEquals(List.of("CN=zkwatch"), clients);
            Failures.expect(FailureKind.TLS_HANDSHAKE, transport(AdminEndpoint.of(https.baseUrl())), Command.RUOK);
        }
    }

    @Test
    void checksTheHttpsHostNameUnlessToldNotTo() throws Exception {
        TestPki pki = TestPki.newCa("admin-ca-2");
        TlsMaterial trust = TlsMaterial.builder()
                .trustStore(pki.writeCaPem(spoolDir.resolve("../admin-ca-2.pem").normalize()), new char[0]).build();
        try (FakeHttp https = FakeHttp.https(pki.serverContext(pki.serverFor("zk-elsewhere.example")), false)
                .on("/commands/", FakeHttp.json(200, RUOK))) {
            AdminEndpoint endpoint = AdminEndpoint.of(https.baseUrl()).withTls(TlsSettings.of(trust));
            CollectorException e = Failures.expect(FailureKind.TLS_HANDSHAKE, transport(endpoint), Command.RUOK);
            assertTrue(e.getMessage().contains("127.0.0.1"), e::getMessage);
            AdminEndpoint lenient = endpoint.withTls(TlsSettings.of(trust).withoutHostnameVerification());
            try (Reply reply = transport(lenient).fetch(Command.RUOK)) {
                assertEquals(RUOK, text(reply));
            }
        }
    }
}
