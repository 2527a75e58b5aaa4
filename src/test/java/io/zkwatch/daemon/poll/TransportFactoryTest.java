package io.zkwatch.daemon.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkwatch.collectors.transport.AdminEndpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The configured AdminServer URL names the commands root; a command goes right below it, once. */
class TransportFactoryTest {

    @Test
    void commandGoesDirectlyBelowTheConfiguredCommandsRoot() {
        AdminEndpoint e = TransportFactory.adminEndpoint(URI.create("http://127.0.0.1:8080/commands"));
        assertEquals(URI.create("http://127.0.0.1:8080"), e.base());
        assertEquals("/commands", e.commandsRoot());
        AdminEndpoint proxied = TransportFactory.adminEndpoint(
                URI.create("https://zkp3-admin.example:9443/zookeeper/commands/"));
        assertEquals(URI.create("https://zkp3-admin.example:9443"), proxied.base());
        assertEquals("/zookeeper/commands", proxied.commandsRoot());
    }
}
