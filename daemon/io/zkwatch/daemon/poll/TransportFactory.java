package io.zkwatch.daemon.poll;

import io.zkwatch.collectors.CommandTransport;
import io.zkwatch.collectors.Limits;
import io.zkwatch.collectors.transport.AdminEndpoint;
import io.zkwatch.collectors.transport.TlsMaterial;
import io.zkwatch.collectors.transport.TlsSettings;
import io.zkwatch.collectors.transport.Transports;
import io.zkwatch.daemon.config.EnsembleConfig;
import io.zkwatch.daemon.config.EnsembleSettings;
import io.zkwatch.daemon.config.HostPort;
import io.zkwatch.daemon.config.MemberEndpoint;
import io.zkwatch.daemon.config.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Builds the transports of one member from its resolved configuration: 4lw (plain, or TLS when the ensemble
 * has TLS material) and, when configured, the AdminServer. TLS material is re-read when its files change, so
 * rotated certificates take effect without a restart.
 */
public final class TransportFactory implements MemberTransports.Factory {

    private final EnsembleConfig ensemble;

    public TransportFactory(EnsembleConfig ensemble) {
        this.ensemble = ensemble;
    }

    @Override
    public MemberTransports create(String host, int port) {
        MemberEndpoint ep = ensemble.endpointFor(new HostPort(host, port));
        EnsembleSettings s = ensemble.settings();
        Limits cheap = s.commandLimits();
        Limits dump = s.dumpLimits();
        CommandTransport fourLetter;
        CommandTransport fourLetterDump;
        if (ep.tls().isPresent()) {
            TlsSettings tls = tlsSettings(ep.tls().get());
            fourLetter = Transports.fourLetterTls(host, port, tls, cheap);
            fourLetterDump = Transports.fourLetterTls(host, port, tls, dump);
        } else {
            fourLetter = Transports.fourLetter(host, port, cheap);
            fourLetterDump = Transports.fourLetter(host, port, dump);
        }
        Optional<CommandTransport> admin = Optional.empty();
        Optional<CommandTransport> adminDump = Optional.empty();
        if (ep.admin().isPresent()) {
            var a = ep.admin().get();
            AdminEndpoint endpoint = adminEndpoint(a.baseUri());
            if (a.authorizationFile().isPresent()) {
                endpoint = endpoint.withAuthorization(readSecret(a.authorizationFile().get()));
            }
            if (a.isHttps()) {
                endpoint = endpoint.withTls(a.tls().map(TransportFactory::tlsSettings)
                        .orElse(TlsSettings.systemDefault()));
            }
            admin = Optional.of(Transports.admin(endpoint, cheap));
            adminDump = Optional.of(Transports.admin(endpoint, dump));
        }
        return new MemberTransports(host + ":" + port, host, port, fourLetter, fourLetterDump, admin, adminDump);
    }

    /**
     * The configuration's URL is the commands root itself ({@code http://zk1:8080/commands}); the transport's
     * endpoint takes the server's origin and the root apart, and appends the command to the root.
     */
    static AdminEndpoint adminEndpoint(java.net.URI commandsRoot) {
        String path = commandsRoot.getRawPath() == null ? "" : commandsRoot.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        AdminEndpoint origin = AdminEndpoint.of(commandsRoot.getScheme() + "://" + commandsRoot.getRawAuthority());
        return path.isEmpty() ? origin : origin.withCommandsRoot(path);
    }

    static TlsSettings tlsSettings(TlsConfig c) {
        try {
            TlsMaterial.Builder b = TlsMaterial.builder();
            if (c.keystore().isPresent()) {
                b.keyStore(c.keystore().get(), c.keystorePassword().orElseThrow().read());
            }
            if (c.truststore().isPresent()) {
                b.trustStore(c.truststore().get(), c.truststorePassword().isPresent()
                        ? c.truststorePassword().get().read() : new char[0]);
            }
            TlsSettings settings = TlsSettings.of(b.build().reloadingOnChange());
            return c.hostnameVerification() ? settings : settings.withoutHostnameVerification();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS password: " + e.getMessage(), e);
        }
    }

    private static String readSecret(java.nio.file.Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
