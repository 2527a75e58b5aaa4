package io.zkwatch.daemon.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkwatch.collectors.transport.AdminEndpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The configuration names an AdminServer by its commands root; the transport must not add a second one. */
class TransportFactoryTest {

    @Test
    void theConfiguredCommandsRootIsUsedOnceNotAppendedAgain() {
        AdminEndpoint e = TransportFactory.adminEndpoint(URI.create("http://zk1:8080/commands"));
        assertEquals(URI.create("http://zk1:8080"), e.base());
        assertEquals("/commands", e.commandsRoot());
    }

    @Test
    void aCommandsRootBehindAProxyPathIsKeptWhole() {
        AdminEndpoint e = TransportFactory.adminEndpoint(
                URI.create("https://zkp3-admin.example:9443/zookeeper/commands/"));
        assertEquals(URI.create("https://zkp3-admin.example:9443"), e.base());
        assertEquals("/zookeeper/commands", e.commandsRoot());
    }
}
