package io.zkwatch.daemon;

import io.zkwatch.daemon.config.CheckResult;
import io.zkwatch.daemon.config.CommandLine;
import io.zkwatch.daemon.config.ConfigException;
import io.zkwatch.daemon.config.ConfigSource;
import io.zkwatch.daemon.config.Invocation;
import io.zkwatch.daemon.demo.Demo;
import io.zkwatch.daemon.http.HttpServer;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point. The only class allowed to exit the process. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger("zkwatch");

    private Main() {
    }

    public static void main(String[] args) {
        Invocation inv;
        try {
            inv = CommandLine.parse(args);
        } catch (ConfigException e) {
            System.err.println("zkwatch: invalid command line:");
            e.errors().forEach(err -> System.err.println("  " + err));
            System.err.println();
            System.err.println(CommandLine.usage());
            System.exit(2);
            return;
        }
        if (inv instanceof Invocation.Help) {
            System.out.println(CommandLine.usage());
            return;
        }
        if (inv instanceof Invocation.Version) {
            System.out.println("zkwatch " + version());
            return;
        }
        if (inv instanceof Invocation.CheckConfig check) {
            CheckResult r = check.check();
            System.out.println(r.report());
            System.exit(r.exitCode());
            return;
        }
        if (inv instanceof Invocation.Demo demo) {
            System.exit(Demo.run(demo.listen()));
            return;
        }
        Invocation.Run run = (Invocation.Run) inv;
        ConfigSource source;
        try {
            source = run.openSource();
        } catch (ConfigException e) {
            System.err.println("zkwatch: the configuration is not valid:");
            e.errors().forEach(err -> System.err.println("  " + err));
            System.exit(1);
            return;
        }
        HttpServer.Protection protection;
        try {
            protection = new HttpServer.Protection(run.web().load(), run.web().maxRequests());
        } catch (ConfigException e) {
            System.err.println("zkwatch: the web configuration file " + run.web().configFile().orElseThrow()
                    + " is not valid:");
            e.errors().forEach(err -> System.err.println("  " + err));
            System.exit(1);
            return;
        }
        System.exit(runUntilStopped(source, protection, null));
    }

    /**
     * Runs a daemon until SIGTERM/SIGINT, reloading on SIGHUP. Returns the exit code: 0 after a signal, 1 if the
     * daemon cannot start.
     *
     * <p>The first SIGTERM or SIGINT is handled here instead of by the JVM's shutdown (which would exit with
     * 143): the daemon is closed in order (polls in flight are cancelled, their spool files deleted), one
     * "stopped" line is logged and the process exits with 0. The shutdown hook covers every other way out.
     *
     * @param listenOverride null to use the configured listen address
     */
    static int runUntilStopped(ConfigSource source, HttpServer.Protection protection,
                               java.net.InetSocketAddress listenOverride) {
        Daemon daemon = new Daemon(source, Clock.systemUTC(), new java.util.Random());
        CountDownLatch stopping = new CountDownLatch(1);
        Signals.onTerminate(stopping::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopping.countDown();
        }, "zkwatch-shutdown"));
        try {
            daemon.start(listenOverride, protection);
        } catch (RuntimeException e) {
            LOG.error("cannot start: {}", e.getMessage(), e);
            daemon.close();
            return 1;
        }
        Signals.onHangup(daemon::reload);
        try {
            stopping.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long start = System.nanoTime();
        daemon.close();
        LOG.info("stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
        return 0;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }
}
