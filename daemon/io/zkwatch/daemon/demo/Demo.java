package io.zkwatch.daemon.demo;

import io.zkwatch.daemon.config.HostPort;
import java.util.Optional;

/** {@code zkwatch demo}: a real local ensemble with misbehaving clients, monitored by zkwatch. */
public final class Demo {
    private Demo() {
    }

    public static int run(Optional<HostPort> listen) {
        System.err.println("zkwatch demo: not available in this build yet");
        return 2;
    }
}
