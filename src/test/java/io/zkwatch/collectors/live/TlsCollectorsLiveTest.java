package io.zkwatch.collectors.live;

import static io.zkwatch.collectors.live.LiveAssertions.addressesBySession;
import static io.zkwatch.collectors.live.LiveAssertions.assertFails;
import static io.zkwatch.collectors.live.LiveAssertions.hostsBySession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.CollectorException;
import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.FailureKind;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.MonitorStats;
import io.zkwatch.collectors.RuokStatus;
import io.zkwatch.collectors.ServerConfig;
import io.zkwatch.collectors.ServerMode;
import io.zkwatch.collectors.WatchDump;
import io.zkwatch.collectors.WatchDumpOptions;
import io.zkwatch.collectors.command.CollectorCatalog;
import io.zkwatch.collectors.live.LiveLoad.Kind;
import io.zkwatch.collectors.transport.AdminEndpoint;
import io.zkwatch.collectors.transport.TlsMaterial;
import io.zkwatch.collectors.transport.TlsSettings;
import io.zkwatch.collectors.transport.Transports;
import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.TlsOptions;
import io.zkwatch.harness.Clients;
import io.zkwatch.harness.SharedEnsembles;
import io.zkwatch.harness.TestEnsembles;
import io.zkwatch.harness.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collectors over TLS against a live secure-only server (Netty, client certificates required, no plain
 * client port, HTTPS-only AdminServer) carrying two TLS sessions with watches and an ephemeral.
 *
 * <p>The server presents a certificate whose only name is {@code localhost}: dialling {@code localhost} passes
 * host name verification, dialling {@code 127.0.0.1} (the same socket) must not. One server per version.
 */
@ParameterizedClass(name = "ZooKeeper {0}")
@MethodSource("io.zkwatch.harness.ZkVersions#all")
class TlsCollectorsLiveTest {

    private static final CollectorCatalog CATALOG = CollectorCatalog.defaults();
    private static final WatchDumpOptions DUMP = WatchDumpOptions.defaults();
    private static final Limits LIMITS = Limits.defaults();
    private static final TestPki PKI = TestPki.create(TestEnsembles.workDirectory().resolve("pki-" + UUID.randomUUID()));
    private static final String NAMED_HOST = "localhost";
    private static final String UNNAMED_HOST = "127.0.0.1";

    @RegisterExtension
    static final SharedEnsembles SECURE = new SharedEnsembles(v -> TestEnsembles.standalone(v)
            .tls(TlsOptions.of(PKI.localhostServerKeyStore(), PKI.trustStore(), PKI.password(), PKI.clientKeyStore())
                    .withAdmin(TlsOptions.AdminTransport.HTTPS))
            .secureOnly());

    private static LocalEnsemble ensemble;
    private static LocalServer server;
    private static LiveLoad load;

    /** The two secure ways in: four-letter words over TLS, AdminServer over HTTPS. */
    enum SecureVia {
        TLS_FOUR_LETTER,
        HTTPS_ADMIN;

        CommandTransport to(String host, TlsSettings tls) {
            return switch (this) {
                case TLS_FOUR_LETTER -> Transports.fourLetterTls(host, server.securePort(), tls, LIMITS);
                case HTTPS_ADMIN -> Transports.admin(
                        AdminEndpoint.of("https://" + host + ":" + server.adminPort()).withTls(tls), LIMITS);
            };
        }
    }

    private final String version;

    TlsCollectorsLiveTest(String version) {
        this.version = version;
    }

    @BeforeParameterizedClassInvocation
    static void startLoadedSecureServer(String version) throws Exception {
        ensemble = SECURE.get(version);
        server = ensemble.servers().get(0);
        load = new LiveLoad(version);
        String connectString = NAMED_HOST + ":" + server.securePort(); // the ZooKeeper client verifies the name too
        ZooKeeper first = load.connectTls(connectString, server, PKI);
        ZooKeeper second = load.connectTls(connectString, server, PKI);
        Clients.createTree(first, "/tls/data", 2, 1);
        Clients.create(first, "/tls/persistent", "");
        load.ephemeral(first, "/tls/eph/first");
        load.watch(first, Kind.GET_DATA, "/tls/data/n0");
        load.watch(first, Kind.EXISTS, "/tls/missing");
        load.watch(first, Kind.CHILDREN, "/tls/data");
        load.watch(second, Kind.GET_DATA, "/tls/data/n0");
        load.watch(second, Kind.PERSISTENT, "/tls/persistent");
        load.watch(second, Kind.PERSISTENT_RECURSIVE, "/tls/data/n1");
    }

    @AfterParameterizedClassInvocation
    static void stopSecureServer() {
        LiveAssertions.closeBoth(load, ensemble);
    }

    /** Client certificate from the test CA, trusting the test CA, host name verification on. */
    private static TlsSettings goodClient() {
        return material(PKI.clientKeyStore(), PKI.trustStore());
    }

    private static TlsSettings material(Path keyStore, Path trustStore) {
        char[] password = PKI.password().toCharArray();
        return TlsSettings.of(TlsMaterial.builder().keyStore(keyStore, password).trustStore(trustStore, password).build());
    }

    /** Trusts the test CA but has no client certificate to present. */
    private static TlsSettings withoutCertificate() {
        return TlsSettings.of(TlsMaterial.builder().trustStore(PKI.trustStore(), PKI.password().toCharArray()).build());
    }

    /**
     * Whether the HTTPS AdminServer demands a client certificate: {@code admin.needClientAuth} arrived in 3.9;
     * 3.8's HTTPS AdminServer never asks for one, so there any client that trusts the server is answered.
     */
    private boolean adminDemandsClientCertificates() {
        return LiveAssertions.atLeast(version, 3, 9);
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(SecureVia.class)
    void everyCommandAnswersOverTlsWithAClientCertificate(SecureVia via) throws CollectorException {
        CommandTransport transport = via.to(NAMED_HOST, goodClient());
        MonitorStats mntr = CATALOG.mntr().collect(transport);
        assertEquals(ServerMode.STANDALONE, mntr.mode());
        assertEquals(OptionalLong.of(load.watchCountOn(server)), mntr.integer("watch_count"));
        assertEquals(ServerMode.STANDALONE, CATALOG.srvr().collect(transport).mode());
        ServerConfig conf = CATALOG.conf().collect(transport);
        assertEquals(server.directory().resolve("data").resolve("version-2").toString(), // the snapshot log's own folder
                conf.property("dataDir").orElseThrow());
        assertTrue(CATALOG.envi().collect(transport).zookeeperVersion().orElseThrow().startsWith(version + "-"));
        assertEquals(load.summaryOn(server), CATALOG.wchs().collect(transport));
        assertEquals(load.dumpOn(server, WatchDump.Order.BY_SESSION, DUMP), CATALOG.wchc().collect(transport));
        assertEquals(load.dumpOn(server, WatchDump.Order.BY_PATH, DUMP), CATALOG.wchp().collect(transport));
        assertEquals(load.clientHostsOn(server), hostsBySession(CATALOG.cons().collect(transport)));
        assertEquals(load.leaderDump(DUMP.samplePathsPerSession()), CATALOG.dump().collect(transport));
        assertEquals(RuokStatus.IMOK, CATALOG.ruok().collect(transport));
        assertFalse(CATALOG.isro().collect(transport).readOnly());
        if (via == SecureVia.HTTPS_ADMIN) {
            assertTrue(CATALOG.systemProperties().collect(transport).property("java.version").isPresent());
        } else {
            assertFails(FailureKind.UNAVAILABLE, CATALOG.systemProperties(), transport);
        }
    }

    @Test
    void tlsFourLetterReadingsEqualTheHttpsAdminReadings() throws CollectorException {
        CommandTransport four = SecureVia.TLS_FOUR_LETTER.to(NAMED_HOST, goodClient());
        CommandTransport admin = SecureVia.HTTPS_ADMIN.to(NAMED_HOST, goodClient());
        assertEquals(CATALOG.wchs().collect(four), CATALOG.wchs().collect(admin));
        assertEquals(CATALOG.wchc().collect(four), CATALOG.wchc().collect(admin));
        assertEquals(CATALOG.wchp().collect(four), CATALOG.wchp().collect(admin));
        assertEquals(addressesBySession(CATALOG.cons().collect(four)), addressesBySession(CATALOG.cons().collect(admin)));
        assertEquals(CATALOG.dump().collect(four), CATALOG.dump().collect(admin));
        MonitorStats fourMntr = CATALOG.mntr().collect(four);
        MonitorStats adminMntr = CATALOG.mntr().collect(admin);
        assertEquals(fourMntr.version(), adminMntr.version());
        assertEquals(fourMntr.integer("watch_count"), adminMntr.integer("watch_count"));
        assertEquals(fourMntr.integer("ephemerals_count"), adminMntr.integer("ephemerals_count"));
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(SecureVia.class)
    void aClientWithoutACertificateFailsTheHandshake(SecureVia via) throws CollectorException {
        CommandTransport transport = via.to(NAMED_HOST, withoutCertificate());
        if (via == SecureVia.HTTPS_ADMIN && !adminDemandsClientCertificates()) {
            assertEquals(load.summaryOn(server), CATALOG.wchs().collect(transport));
            return;
        }
        assertFails(FailureKind.TLS_HANDSHAKE, CATALOG.wchs(), transport);
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(SecureVia.class)
    void aClientTrustingAnotherCaRejectsTheServer(SecureVia via) {
        assertFails(FailureKind.TLS_HANDSHAKE, CATALOG.mntr(),
                via.to(NAMED_HOST, material(PKI.clientKeyStore(), PKI.foreignTrustStore())));
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(SecureVia.class)
    void aClientCertificateFromAnotherCaIsRejected(SecureVia via) throws CollectorException {
        CommandTransport transport = via.to(NAMED_HOST, material(PKI.foreignClientKeyStore(), PKI.trustStore()));
        if (via == SecureVia.HTTPS_ADMIN && !adminDemandsClientCertificates()) {
            assertEquals(load.clientHostsOn(server), hostsBySession(CATALOG.cons().collect(transport)));
            return;
        }
        assertFails(FailureKind.TLS_HANDSHAKE, CATALOG.cons(), transport);
    }

    @ParameterizedTest(name = "via {0}")
    @EnumSource(SecureVia.class)
    void hostNameVerificationRejectsACertificateThatDoesNotNameTheDialledHost(SecureVia via)
            throws CollectorException {
        assertFails(FailureKind.TLS_HANDSHAKE, CATALOG.ruok(), via.to(UNNAMED_HOST, goodClient()));
        assertEquals(RuokStatus.IMOK, CATALOG.ruok().collect(via.to(UNNAMED_HOST,
                goodClient().withoutHostnameVerification())), "the same socket, with verification off on purpose");
    }

    /**
     * Plaintext {@code ruok} sent to the secure port: Netty waits for a TLS record that never comes and closes the
     * connection, without a byte, when its handshake timeout (10 s by default) passes. A deadline shorter than
     * that is a timeout; a longer one sees the empty close.
     */
    @Test
    void plaintextFourLetterWordsToTheSecurePortGetNoAnswer() {
        Duration shortDeadline = Duration.ofSeconds(3);
        CommandTransport impatient = Transports.fourLetter(UNNAMED_HOST, server.securePort(),
                LiveAssertions.limits(Duration.ofSeconds(1), shortDeadline, LIMITS.spoolDirectory()));
        assertFails(FailureKind.TIMEOUT, CATALOG.ruok(), impatient);
        CommandTransport patient = Transports.fourLetter(UNNAMED_HOST, server.securePort(),
                LiveAssertions.limits(Duration.ofSeconds(1), Duration.ofSeconds(30), LIMITS.spoolDirectory()));
        long start = System.nanoTime();
        assertFails(FailureKind.EMPTY_REPLY, CATALOG.ruok(), patient);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(shortDeadline) > 0, "the server held the socket silent before closing it: " + took);
    }
}
