package io.zkwatch.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP reloads the configuration, as operators expect of a daemon; SIGINT/SIGTERM may stop in order. */
public final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger("zkwatch");

    private Signals() {
    }

    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                LOG.info("SIGHUP: reloading the configuration");
                action.run();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP reload is not available on this platform; use POST /-/reload");
        }
    }

    /**
     * Runs {@code action} on the first SIGINT or SIGTERM instead of starting the JVM's shutdown, so that the
     * caller can stop its parts in order before it exits; shutdown hooks, by contrast, all run at once. The
     * handlers are then reset, so a second Ctrl-C shuts the JVM down at once, hooks and all.
     *
     * @return false where the platform does not allow it (shutdown hooks then remain the only way)
     */
    public static boolean onTerminate(Runnable action) {
        try {
            sun.misc.SignalHandler once = sig -> {
                restoreDefault("INT");
                restoreDefault("TERM");
                LOG.info("SIG{}: stopping (send it again to stop at once)", sig.getName());
                action.run();
            };
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), once);
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), once);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void restoreDefault(String name) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_DFL);
    }
}
