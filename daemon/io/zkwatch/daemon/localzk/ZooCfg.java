package io.zkwatch.daemon.localzk;

import io.zkwatch.daemon.localzk.TlsOptions.AdminTransport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a server's {@code zoo.cfg}. Every server listens on loopback only; keys ZooKeeper does not know
 * (the {@code admin.*} and {@code ssl.*} ones) become {@code zookeeper.}-prefixed system properties inside
 * the server, which is how operators configure them too.
 */
final class ZooCfg {

    static final String HOST = "127.0.0.1";
    static final String DYNAMIC_FILE = "zoo.cfg.dynamic";

    private ZooCfg() {
    }

    /**
     * {@code server.N=host:quorum:election:participant;host:client}. With the client part, {@code conf} and
     * {@code voting_view} show every member's client address; without it ({@code staticClientPorts}), the
     * client port is the static {@code clientPort} setting and {@code conf} lists no member's client address.
     */
    static String membershipLine(int id, Ports ports, boolean staticClientPorts) {
        String line = "server." + id + "=" + HOST + ":" + ports.quorum().getAsInt() + ":"
                + ports.election().getAsInt() + ":participant";
        return ports.client().isPresent() && !staticClientPorts
                ? line + ";" + HOST + ":" + ports.client().getAsInt() : line;
    }

    static String render(Path serverDir, Ports ports, ServerSettings settings, boolean quorum) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("tickTime", Integer.toString(settings.tickTimeMillis()));
        cfg.put("initLimit", "10");
        cfg.put("syncLimit", "5");
        cfg.put("dataDir", serverDir.resolve("data").toString());
        cfg.put("maxClientCnxns", "0");
        // Small preallocation and no fsync: many servers share one disk and nothing here must survive a crash.
        cfg.put("preAllocSize", "1024");
        cfg.put("forceSync", "no");
        cfg.put("snapshot.trust.empty", "true");
        cfg.put("4lw.commands.whitelist", settings.whitelist());
        cfg.put("admin.enableServer", "true");
        cfg.put("admin.serverAddress", HOST);
        cfg.put("admin.serverPort", Integer.toString(ports.admin()));
        if (quorum) {
            cfg.put("standaloneEnabled", "false");
            cfg.put("reconfigEnabled", "true");
            cfg.put("dynamicConfigFile", serverDir.resolve(DYNAMIC_FILE).toString());
        }
        if (ports.client().isPresent() && (!quorum || settings.staticClientPorts())) {
            cfg.put("clientPortAddress", HOST);
            cfg.put("clientPort", Integer.toString(ports.client().getAsInt()));
        }
        settings.tls().ifPresent(tls -> secure(cfg, ports, tls, settings.distribution().zkVersion()));
        cfg.putAll(new TreeMap<>(settings.configEntries()));
        StringBuilder out = new StringBuilder("# Written by zkwatch LocalServer.\n");
        cfg.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    static String dynamic(List<String> membership) {
        return String.join("\n", membership) + "\n";
    }

    private static void secure(Map<String, String> cfg, Ports ports, TlsOptions tls, ZkVersion version) {
        ports.secure().ifPresent(port -> {
            cfg.put("secureClientPortAddress", HOST);
            cfg.put("secureClientPort", Integer.toString(port));
        });
        cfg.put("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
        cfg.put("authProvider.x509", "org.apache.zookeeper.server.auth.X509AuthenticationProvider");
        stores(cfg, "ssl.", tls);
        cfg.put("ssl.clientAuth", tls.needClientAuth() ? "need" : "none");
        if (tls.admin() != AdminTransport.HTTP) {
            requireAdminTls(tls.admin(), version);
            // The AdminServer takes its key and trust material from the quorum TLS settings.
            stores(cfg, "ssl.quorum.", tls);
            cfg.put(tls.admin() == AdminTransport.HTTPS ? "admin.forceHttps" : "admin.portUnification", "true");
            cfg.put("admin.needClientAuth", Boolean.toString(tls.needClientAuth()));
        }
    }

    private static void stores(Map<String, String> cfg, String prefix, TlsOptions tls) {
        cfg.put(prefix + "keyStore.location", tls.keyStore().toString());
        cfg.put(prefix + "keyStore.password", tls.password());
        cfg.put(prefix + "keyStore.type", "PKCS12");
        cfg.put(prefix + "trustStore.location", tls.trustStore().toString());
        cfg.put(prefix + "trustStore.password", tls.password());
        cfg.put(prefix + "trustStore.type", "PKCS12");
    }

    static void requireAdminTls(AdminTransport admin, ZkVersion version) {
        boolean ok = switch (admin) {
            case HTTP -> true;
            case HTTP_AND_HTTPS -> version.atLeast(3, 6, 0);
            case HTTPS -> version.atLeast(3, 7, 1);
        };
        if (!ok) {
            throw new IllegalArgumentException("ZooKeeper " + version + " has no AdminServer mode " + admin);
        }
    }
}
