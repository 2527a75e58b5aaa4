package io.zkwatch.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGHUP reloads the configuration, as operators expect of a daemon. */
final class Signals {

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
}
