package io.zkwatch.collectors.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminEndpointTest {

    @Test
    void buildsCommandPathsUnderTheDefaultRoot() {
        AdminEndpoint endpoint = AdminEndpoint.of("http://zk1.example:8080/");
        assertEquals("http://zk1.example:8080", endpoint.base().toString());
        assertEquals("/commands/monitor", endpoint.path("monitor"));
        assertEquals("http://zk1.example:8080/commands/monitor", endpoint.url("monitor"));
        assertEquals("zk1.example", endpoint.host());
        assertEquals(8080, endpoint.port());
        assertEquals("zk1.example:8080", endpoint.hostHeader());
        assertTrue(endpoint.tls().isEmpty());
    }

    @Test
    void keepsAPathPrefixAndACustomCommandsRoot() {
        AdminEndpoint endpoint = AdminEndpoint.of("https://proxy.example/zk1").withCommandsRoot("/admin/cmds/");
        assertEquals("/zk1/admin/cmds/watches", endpoint.path("watches"));
        assertEquals(443, endpoint.port());
        assertTrue(endpoint.tls().isPresent(), "https uses the JVM's default trust when no TLS settings are given");
        assertTrue(endpoint.tls().get().verifyHostname());
    }

    @Test
    void dialsIpv6LiteralsWithoutBrackets() {
        AdminEndpoint endpoint = AdminEndpoint.of("http://[::1]:8080");
        assertEquals("::1", endpoint.host());
        assertEquals("[::1]:8080", endpoint.hostHeader());
    }

    @Test
    void rejectsWhatCannotBeRequestedSafely() {
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoint.of("ftp://zk1:8080"));
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoint.of("http://zk1:8080/?x=1"));
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoint.of("http://user:pw@zk1:8080"));
        assertThrows(IllegalArgumentException.class, () -> AdminEndpoint.of("http://zk1:8080").withCommandsRoot("commands"));
        assertThrows(IllegalArgumentException.class,
                () -> AdminEndpoint.of("http://zk1:8080").withAuthorization("digest a\r\nX-Evil: 1"));
        assertThrows(IllegalArgumentException.class, () -> new AdminEndpoint(URI.create("http://zk1:8080"),
                "/commands", Optional.empty(), Optional.of(TlsSettings.systemDefault())));
    }

    @Test
    void neverPrintsTheAuthorizationValue() {
        AdminEndpoint endpoint = AdminEndpoint.of("http://zk1:8080").withAuthorization("digest root:t0p-secret");
        assertFalse(endpoint.toString().contains("t0p-secret"), endpoint::toString);
        assertTrue(endpoint.toString().contains("with Authorization"), endpoint::toString);
    }
}
