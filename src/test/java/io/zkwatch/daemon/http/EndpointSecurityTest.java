package io.zkwatch.daemon.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Clock;
import io.prometheus.client.Collector;
import io.zkwatch.daemon.config.WebConfig;
import io.zkwatch.daemon.export.LabelPolicy;
import io.zkwatch.daemon.export.MetricsRegistry;
import io.zkwatch.daemon.snapshot.SnapshotStore;
import io.zkwatch.daemon.web.WebUi;
import io.zkwatch.harness.PemExport;
import io.zkwatch.harness.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * zkwatch's own endpoint protected by a web configuration: the real Javalin/Jetty server over HTTPS with PEM files
 * cut from a throw-away PKI, real TLS handshakes from JSSE clients, real bcrypt. Nothing talks to ZooKeeper.
 */
class EndpointSecurityTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static PemExport.Pair serverPem;
    static Path caPem;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir.resolve("pki"));
        serverPem = PemExport.keyPair(pki, pki.serverKeyStore(), dir, "server", PemExport.KeyFormat.PKCS8);
        caPem = PemExport.certificate(pki.caCertificate(), dir, "ca");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static WebConfig.TlsServer tls(WebConfig.ClientAuth clientAuth, WebConfig.TlsVersion min) {
        return new WebConfig.TlsServer(serverPem.certFile(), serverPem.keyFile(), clientAuth,
                clientAuth.verified() ? Optional.of(caPem) : Optional.empty(), min, WebConfig.TlsVersion.TLS13);
    }

    private record Served(HttpServer server, MetricsRegistry metrics) {
        URI uri(String path) {
            return URI.create(server.scheme() + "://127.0.0.1:" + server.port() + path);
        }

        double counter(String name) {
            return metrics.meters().get(name).counter().count();
        }
    }

    private Served serve(WebConfig web, int maxScrapes, Collector... extra) {
        MetricsRegistry metrics = MetricsRegistry.withoutJvmMetrics(Clock.SYSTEM);
        open.add(metrics);
        for (Collector c : extra) {
            metrics.register(c);
        }
        SnapshotStore store = new SnapshotStore();
        java.time.Clock clock = java.time.Clock.systemUTC();
        HttpServer server = HttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                new HttpServer.Protection(web, maxScrapes), metrics,
                new ApiHandlers(store, e -> LabelPolicy.raw(), clock,
                        List.of(new ApiHandlers.ExtraRoute("/", WebUi.page(store, clock)))),
                () -> true, () -> new HttpServer.ReloadResult(true, List.of()));
        open.add(server);
        return new Served(server, metrics);
    }

    static SSLContext trustingTheCa() {
        try {
            KeyStore trust = KeyStore.getInstance(pki.trustStore().toFile(), pki.password().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, tmf.getTrustManagers(), null);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client that presents the certificate in {@code keyStore} whatever CAs the server names: JSSE would
     * otherwise hold back a certificate the server did not ask for by issuer, and a foreign one never be sent.
     */
    static SSLContext presenting(Path keyStore) {
        try {
            KeyStore keys = KeyStore.getInstance(keyStore.toFile(), pki.password().toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pki.password().toCharArray());
            X509ExtendedKeyManager real = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
            X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
                @Override
                public String[] getClientAliases(String keyType, Principal[] issuers) {
                    return new String[] {"key"};
                }

                @Override
                public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                    return "key";
                }

                @Override
                public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                    return "key";
                }

                @Override
                public String[] getServerAliases(String keyType, Principal[] issuers) {
                    return null;
                }

                @Override
                public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                    return null;
                }

                @Override
                public X509Certificate[] getCertificateChain(String alias) {
                    return real.getCertificateChain(alias);
                }

                @Override
                public PrivateKey getPrivateKey(String alias) {
                    return real.getPrivateKey(alias);
                }
            };
            KeyStore trust = KeyStore.getInstance(pki.trustStore().toFile(), pki.password().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new KeyManager[] {always}, tmf.getTrustManagers(), null);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(SSLContext ssl, URI uri, String method, String... headers)
            throws IOException, InterruptedException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            r.headers(headers);
        }
        return b.build().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final WebConfig USERS = new WebConfig(Optional.empty(),
            Map.of("alice", BasicAuthTest.ALICE, "bob", BasicAuthTest.BOB));

    @Test
    void everyRouteButHealthyAnswers401WithAChallengeToMissingWrongAndUnknownCredentials() throws Exception {
        Served s = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.NO_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12)), USERS.basicAuthUsers()), 40);
        SSLContext ssl = trustingTheCa();
        String good = BasicAuthTest.header("alice", "wonder land");
        List<String[]> refused = List.of(new String[0],
                new String[] {"Authorization", BasicAuthTest.header("alice", "wrong")},
                new String[] {"Authorization", BasicAuthTest.header("nobody", "wonder land")},
                new String[] {"Authorization", "Bearer token"});
        int refusals = 0;
        for (String[] route : new String[][] {{"GET", "/metrics"}, {"GET", "/api/v1/ensembles"}, {"GET", "/"},
            {"GET", WebUi.STATIC_URL_PATH + "/app.js"}, {"GET", "/-/ready"}, {"POST", "/-/reload"}}) {
            for (String[] headers : refused) {
                HttpResponse<String> r = send(ssl, s.uri(route[1]), route[0], headers);
                assertEquals(401, r.statusCode(), route[1] + " " + String.join(" ", headers));
                assertEquals(Optional.of("Basic realm=\"zkwatch\""), r.headers().firstValue("WWW-Authenticate"),
                        route[1]);
                refusals++;
            }
            HttpResponse<String> ok = send(ssl, s.uri(route[1]), route[0], "Authorization", good);
            assertEquals(200, ok.statusCode(), route[1] + ": " + ok.body());
        }
        assertEquals(refusals, s.counter("zkwatch.http.unauthorized.requests"));
        assertEquals(200, send(ssl, s.uri("/-/healthy"), "GET").statusCode(), "liveness probes need no password");
        HttpResponse<String> metrics = send(ssl, s.uri("/metrics"), "GET", "Authorization", good);
        assertTrue(metrics.body().contains("zkwatch_http_unauthorized_requests_total " + refusals + ".0"),
                metrics.body());
    }

    @Test
    void plainHttpIsNotServedOnATlsPort() throws Exception {
        Served s = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.NO_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12)), Map.of()), 40);
        assertEquals("https", s.server().scheme());
        URI plain = URI.create("http://127.0.0.1:" + s.server().port() + "/metrics");
        HttpResponse<String> r;
        try {
            r = send(null, plain, "GET");
        } catch (IOException refused) {
            return;
        }
        assertTrue(r.statusCode() == 400, "a plain request to the TLS port is refused, got " + r.statusCode());
    }

    @Test
    void tls12And13AreAcceptedAndTheEngineNeverOffersLess() throws Exception {
        Served s = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.NO_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12)), Map.of()), 40);
        assertEquals("TLSv1.2", handshake(trustingTheCa(), s.server().port(), "TLSv1.2"));
        assertEquals("TLSv1.3", handshake(trustingTheCa(), s.server().port(), "TLSv1.3"));

        SslContextFactory.Server factory = TlsEndpoint.sslContextFactory(tls(WebConfig.ClientAuth.NO_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12));
        factory.start();
        try {
            String[] enabled = factory.newSSLEngine().getEnabledProtocols();
            java.util.Arrays.sort(enabled);
            assertArrayEquals(new String[] {"TLSv1.2", "TLSv1.3"}, enabled);
        } finally {
            factory.stop();
        }
    }

    @Test
    void minVersionTls13RefusesATls12Client() throws Exception {
        Served s = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.NO_CLIENT_CERT,
                WebConfig.TlsVersion.TLS13)), Map.of()), 40);
        assertThrows(SSLHandshakeException.class, () -> handshake(trustingTheCa(), s.server().port(), "TLSv1.2"));
        assertEquals("TLSv1.3", handshake(trustingTheCa(), s.server().port(), "TLSv1.3"));
    }

    /** The negotiated protocol of a handshake offering only {@code protocol}. */
    static String handshake(SSLContext ssl, int port, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            // With TLS 1.3 a refused client certificate shows only at the first read.
            socket.getOutputStream().write("GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            if (!status.equals("HTTP/1.1 200")) {
                throw new IOException("unexpected answer: " + status);
            }
            return socket.getSession().getProtocol();
        }
    }

    @Test
    void requireAndVerifyClientCertRefusesNoCertificateAndAForeignOne() throws Exception {
        Served s = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12)), Map.of()), 40);
        int port = s.server().port();
        assertEquals("TLSv1.3", handshake(pki.clientContext(), port, "TLSv1.3"));
        assertEquals("TLSv1.2", handshake(pki.clientContext(), port, "TLSv1.2"));
        assertEquals(200, send(pki.clientContext(), s.uri("/metrics"), "GET").statusCode());
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            assertThrows(IOException.class, () -> handshake(trustingTheCa(), port, protocol), "no certificate");
            assertThrows(IOException.class, () -> handshake(presenting(pki.foreignClientKeyStore()), port, protocol),
                    "a certificate from an unrelated CA");
            assertThrows(IOException.class, () -> handshake(presenting(pki.expiredClientKeyStore()), port, protocol),
                    "an expired certificate");
        }
        assertThrows(IOException.class, () -> send(trustingTheCa(), s.uri("/metrics"), "GET"));
    }

    @Test
    void theWeakerClientAuthTypesMeanWhatGoMeansByThem() throws Exception {
        SSLContext foreign = presenting(pki.foreignClientKeyStore());
        assertEquals("TLSv1.3", handshake(foreign, serve(new WebConfig(Optional.of(tls(
                WebConfig.ClientAuth.NO_CLIENT_CERT, WebConfig.TlsVersion.TLS12)), Map.of()), 40).server().port(),
                "TLSv1.3"), "the forcing client itself works");
        int verifyIfGiven = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.VERIFY_CLIENT_CERT_IF_GIVEN,
                WebConfig.TlsVersion.TLS12)), Map.of()), 40).server().port();
        assertEquals("TLSv1.3", handshake(trustingTheCa(), verifyIfGiven, "TLSv1.3"), "none given: fine");
        assertEquals("TLSv1.3", handshake(pki.clientContext(), verifyIfGiven, "TLSv1.3"));
        assertThrows(IOException.class, () -> handshake(foreign, verifyIfGiven, "TLSv1.3"), "given, so verified");

        int requireAny = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.REQUIRE_ANY_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12)), Map.of()), 40).server().port();
        assertEquals("TLSv1.3", handshake(foreign, requireAny, "TLSv1.3"), "any certificate will do");
        assertThrows(IOException.class, () -> handshake(trustingTheCa(), requireAny, "TLSv1.3"), "but one it must be");

        int request = serve(new WebConfig(Optional.of(tls(WebConfig.ClientAuth.REQUEST_CLIENT_CERT,
                WebConfig.TlsVersion.TLS12)), Map.of()), 40).server().port();
        assertEquals("TLSv1.3", handshake(foreign, request, "TLSv1.3"));
        assertEquals("TLSv1.3", handshake(trustingTheCa(), request, "TLSv1.3"));
    }

    /** Holds every scrape inside rendering until released; counts the scrapes that got there. */
    static final class HeldScrapes extends Collector {
        final CountDownLatch inside;
        final CountDownLatch release = new CountDownLatch(1);
        /** Off while the registry collects once at registration. */
        volatile boolean armed;

        HeldScrapes(int expected) {
            inside = new CountDownLatch(expected);
        }

        @Override
        public List<MetricFamilySamples> collect() {
            if (!armed) {
                return List.of();
            }
            inside.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the scrape");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }

    @Test
    void scrapesBeyondTheLimitGet503AtOnceAndAreCounted() throws Exception {
        HeldScrapes held = new HeldScrapes(2);
        Served s = serve(WebConfig.open(), 2, held);
        held.armed = true;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest scrape = HttpRequest.newBuilder(s.uri("/metrics")).timeout(Duration.ofSeconds(40)).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = List.of(
                client.sendAsync(scrape, HttpResponse.BodyHandlers.ofString()),
                client.sendAsync(scrape, HttpResponse.BodyHandlers.ofString()));
        try {
            assertTrue(held.inside.await(30, TimeUnit.SECONDS), "two scrapes are inside rendering");
            HttpResponse<String> third = client.send(scrape, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, third.statusCode(), third.body());
            assertTrue(third.body().contains("--web.max-requests"), third.body());
            assertTrue(third.headers().firstValue("Retry-After").isEmpty());
            assertEquals(200, send(null, s.uri("/-/healthy"), "GET").statusCode(), "other routes are not limited");
            assertEquals(1.0, s.counter("zkwatch.http.scrapes.rejected"));
        } finally {
            held.release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
        }
        HttpResponse<String> after = client.send(scrape, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), "the slots are free again");
        assertTrue(after.body().contains("zkwatch_http_scrapes_rejected_total 1.0"), after.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "NaN", "Infinity", "-Infinity", "1e309", "99999999999",
        "10s", " ", "0x", "1,5", "\u00e9", "0.000000001", "3.5", "10"})
    void anyScrapeTimeoutHeaderStillGets200(String value) throws Exception {
        Served s = serve(WebConfig.open(), 40);
        HttpResponse<String> r = send(null, s.uri("/metrics"), "GET", ScrapeTimeout.HEADER, value);
        assertEquals(200, r.statusCode(), value + ": " + r.body());
        assertTrue(r.body().contains("zkwatch_http_scrapes_rejected_total"), r.body());
    }

    @Test
    void scrapeTimeoutParsingKeepsOnlyPositiveFiniteSecondsUpToADay() {
        assertEquals(Optional.of(Duration.ofMillis(3500)), ScrapeTimeout.parse("3.5"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), ScrapeTimeout.parse(" 10 "));
        for (String bad : new String[] {null, "", "abc", "-1", "0", "-0", "NaN", "Infinity", "1e309", "86401",
            "1".repeat(40)}) {
            assertEquals(Optional.empty(), ScrapeTimeout.parse(bad), String.valueOf(bad));
        }
        assertEquals("a?b", ScrapeTimeout.printable("a\nb"));
    }
}
