package io.zkwatch.daemon.localzk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-line table and the generated pom: what each release line needs, and nothing it does not. */
class ServerPomTest {

    private static String pom(String version) {
        ZkVersion v = ZkVersion.parse(version);
        return ServerPom.render(v, ServerLine.of(v));
    }

    @Test
    void importsTheReleasesOwnParentAsBomAndPinsOnlyZooKeeperItself() {
        String pom = pom("3.9.5");
        String compact = pom.replaceAll("\\s+", "");
        assertTrue(compact.contains("<artifactId>parent</artifactId><version>3.9.5</version><type>pom</type>"
                + "<scope>import</scope>"), pom);
        assertTrue(pom.contains("<artifactId>zookeeper</artifactId><version>3.9.5</version>"), pom);
        assertTrue(pom.contains("<artifactId>jetty-server</artifactId></dependency>"), "Jetty's version is managed");
        assertTrue(pom.contains("<artifactId>logback-classic</artifactId></dependency>"), pom);
        assertFalse(pom.contains("reload4j"), pom);
    }

    @Test
    void linesBefore38LogThroughReload4jAnd36Plus37AddMetricsAndSnappy() {
        String p37 = pom("3.7.2");
        assertTrue(p37.contains("slf4j-reload4j</artifactId><version>1.7.36</version>"), p37);
        assertTrue(p37.contains("metrics-core") && p37.contains("snappy-java"), p37);
        assertFalse(p37.contains("logback"), p37);
        assertTrue(pom("3.6.4").contains("json-simple"));
    }

    @Test
    void line35HasNoMetricsCoreAndKeepsJsonSimpleWithoutJunit() {
        String p35 = pom("3.5.10");
        assertFalse(p35.contains("metrics-core"), p35);
        assertTrue(p35.contains("<artifactId>json-simple</artifactId><version>1.1.1</version><exclusions>"
                + "<exclusion><groupId>junit</groupId>"), p35);
    }

    @Test
    void newerLinesThanTheTableUseTheNewestRow() {
        assertEquals(ServerLine.V3_9, ServerLine.of(ZkVersion.parse("3.10.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.4.14", "3.5.4", "4.0.0", "banana", "3.9"})
    void releasesWithoutAParentPomOrOddTextAreRefused(String version) {
        assertThrows(IllegalArgumentException.class, () -> ServerLine.of(ZkVersion.parse(version)));
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ZkVersion.parse("3.10.0").compareTo(ZkVersion.parse("3.9.5")) > 0);
        assertTrue(ZkVersion.parse("3.7.1").atLeast(3, 7, 1));
        assertFalse(ZkVersion.parse("3.7.0").atLeast(3, 7, 1));
    }
}
