package io.zkwatch.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, sizes and host:port, the three value syntaxes of the file and the command line. */
class ValueFormatsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "15s,15000", "5m,300000", "1h,3600000", "1d,86400000", "1h30m,5400000",
        "2m5s250ms,125250", "0s,0", "120s,120000"})
    void durationParsesToMilliseconds(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "1.5s", "-5s", "15 s", "s", "5sec", "5M", "1s1h", "5s5s", "PT5S", "5ms3s0",
        "99999999999999999999d", "9223372036854775807d"})
    void durationRejectsGarbage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void durationWithoutUnitSaysSo() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parse("10")).getMessage()
                .startsWith("has no unit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "15s", "5m", "1h30m", "1d2h3m4s5ms", "0s"})
    void durationFormatReadsBackTheSame(String text) {
        assertEquals(text, Durations.format(Durations.parse(text)));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1048576,1048576", "512KiB,524288", "8MiB,8388608", "1GiB,1073741824", "2TiB,2199023255552",
        "1KB,1000", "3MB,3000000", "1GB,1000000000", "10B,10", "8 MiB,8388608"})
    void sizeParsesToBytes(String text, long bytes) {
        assertEquals(bytes, ByteSizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "1.5GiB", "8mib", "8Mb", "8 M", "lots", "9999999999TiB",
        "99999999999999999999"})
    void sizeRejectsGarbage(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1073741824,1GiB", "8388608,8MiB", "1000,1000", "3072,3KiB", "1536,1536"})
    void sizeFormatUsesTheLargestExactBinaryUnit(long bytes, String text) {
        assertEquals(text, ByteSizes.format(bytes));
        assertEquals(bytes, ByteSizes.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"zk1:2181,zk1,2181", "ZK1.Example.COM:2181,zk1.example.com,2181", "10.0.0.5:1,10.0.0.5,1",
        "[::1]:2181,::1,2181", "[2001:DB8::13]:65535,2001:db8::13,65535", "zk_1-a.internal.:2181,zk_1-a.internal.,2181"})
    void hostPortParses(String text, String host, int port) {
        HostPort parsed = HostPort.parse(text);

        assertEquals(new HostPort(host, port), parsed);
        assertEquals(parsed, HostPort.parse(parsed.toString()), "toString reads back");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zk1|no port",
        "zk1:|port must be 1-65535",
        "zk1:0|port must be 1-65535",
        "zk1:65536|port must be 1-65535",
        "zk1:99999|port must be 1-65535",
        "zk1:21x|port must be 1-65535",
        "zk1:+2181|port must be 1-65535",
        ":2181|no host",
        "::1:2181|an IPv6 address needs brackets",
        "[::1]2181|no port after the IPv6 address",
        "[::1:2181|has no ]",
        "[zk1]:2181|brackets are only for IPv6 addresses",
        "[::g]:2181|is not an IPv6 address",
        "[1:2:3:4:5:6:7:8:9]:2181|is not an IPv6 address",
        "[fe80::1%lo]:2181|has a zone ID",
        "zk 1:2181|is not a valid host name",
        "-zk1:2181|is not a valid host name",
        "zk1..x:2181|is not a valid host name",
        "zk1:2181/kafka|chroot path (/kafka)"})
    void hostPortRejectsWithTheReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));

        assertTrue(e.getMessage().startsWith("is not a valid host:port ("), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void ipv6HostGoesInBracketsInUris() {
        assertEquals("[fe80::1]", HostPort.parse("[fe80::1]:2181").uriHost());
        assertEquals("zk1", HostPort.parse("zk1:2181").uriHost());
    }
}
