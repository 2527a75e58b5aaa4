package io.zkwatch.daemon.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.collectors.WatchDump.PathWatchers;
import io.zkwatch.daemon.config.Redaction;
import io.zkwatch.daemon.config.RedactionMode;
import io.zkwatch.daemon.findings.Finding;
import io.zkwatch.daemon.findings.FindingKind;
import io.zkwatch.daemon.snapshot.EnsembleView.ClientRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelPolicyTest {

    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.1.2.3        | 24 | 48 | 10.1.2.0/24",
            "10.1.2.3        | 16 | 48 | 10.1.0.0/16",
            "10.1.2.3        | 32 | 48 | 10.1.2.3/32",
            "192.168.77.200  | 20 | 48 | 192.168.64.0/20",
            "2001:db8:1:2::5 | 24 | 48 | 2001:db8:1::/48",
            "2001:db8:1:2::5 | 24 | 64 | 2001:db8:1:2::/64",
            "[fe80::1%eth0]  | 24 | 10 | fe80::/10",
            "::ffff:10.9.8.7 | 24 | 48 | 10.9.8.0/24",
            "zk-client.example.com | 24 | 48 | redacted",
            "300.1.2.3       | 24 | 48 | redacted",
    })
    void networkPrefixShowsTheClientsNetworkWithoutALookup(String host, int v4, int v6, String shown) {
        assertEquals(Optional.of(shown), RedactionRule.network(v4, v6).apply(host));
    }

    @Test
    void pathPrefixKeepsTheFirstSegments() {
        RedactionRule one = RedactionRule.pathPrefix(1);
        assertEquals(Optional.of("/tenant-a"), one.apply("/tenant-a/jobs/7"));
        assertEquals(Optional.of("/tenant-a"), one.apply("/tenant-a"));
        assertEquals(Optional.of("/"), one.apply("/"));
        assertEquals(Optional.of("/a/b"), RedactionRule.pathPrefix(2).apply("/a/b/c/d"));
    }

    @Test
    void hmacIsStableKeyedAndShort() {
        Optional<String> a = RedactionRule.hmac(KEY).apply("/tenant-a/jobs");
        assertEquals(a, RedactionRule.hmac(KEY).apply("/tenant-a/jobs"));
        assertNotEquals(a, RedactionRule.hmac("other".getBytes(StandardCharsets.UTF_8)).apply("/tenant-a/jobs"));
        assertTrue(a.orElseThrow().matches("hmac:[0-9a-f]{24}"), a.toString());
    }

    @Test
    void unknownClientStaysAndDroppedClientIsRedacted() {
        LabelPolicy drop = LabelPolicy.of(RedactionRule.raw(), RedactionRule.drop());
        assertEquals("unknown", drop.clientLabel("unknown"));
        assertEquals(LabelPolicy.REDACTED, drop.clientLabel("10.0.0.1"));
        assertEquals(Optional.empty(), drop.client("10.0.0.1"));
    }

    @Test
    void clientRowsThatComeOutAlikeAreSummedAndReordered() {
        LabelPolicy net = LabelPolicy.of(RedactionRule.raw(), RedactionRule.network(24, 48));
        List<ClientRow> rows = List.of(new ClientRow("zk1", "10.0.0.1", 5, 5, 10),
                new ClientRow("zk1", "10.0.1.1", 4, 4, 1), new ClientRow("zk1", "10.0.0.2", 3, 2, 7));
        assertEquals(List.of(new ClientRow("zk1", "10.0.0.0/24", 8, 7, 17),
                new ClientRow("zk1", "10.0.1.0/24", 4, 4, 1)), net.clientRows(rows));
    }

    @Test
    void topPathsThatComeOutAlikeAreSummed() {
        LabelPolicy prefix = LabelPolicy.of(RedactionRule.pathPrefix(1), RedactionRule.raw());
        List<PathWatchers> top = List.of(new PathWatchers("/b/x", 9), new PathWatchers("/a/x", 5),
                new PathWatchers("/a/y", 5), new PathWatchers("/c", 1));
        assertEquals(List.of(new PathWatchers("/a", 10), new PathWatchers("/b", 9), new PathWatchers("/c", 1)),
                prefix.topPaths(top));
        assertEquals(List.of(Map.entry("/a", 10L), Map.entry("/b", 9L)),
                prefix.prefixes(Map.of("/a/x", 5L, "/a/y", 5L, "/b/z", 9L)));
    }

    @Test
    void textReplacesIdentitiesOnlyWhereTheyStandAlone() {
        LabelPolicy drop = LabelPolicy.of(RedactionRule.drop(), RedactionRule.drop());
        String text = "client host 10.0.0.1 on 10.0.0.1:2181, not 10.0.0.12, watches /zookeeper/config. Seen 10.0.0.1.";
        assertEquals("client host redacted on 10.0.0.1:2181, not 10.0.0.12, watches redacted. Seen redacted.",
                drop.text(text, List.of("/zookeeper/config"), List.of("10.0.0.1")));
        assertEquals(text, LabelPolicy.raw().text(text, List.of("/zookeeper/config"), List.of("10.0.0.1")));
    }

    @Test
    void findingSubjectSummaryAndEvidenceAreRedactedTogether() {
        Finding f = new Finding(FindingKind.PATH_WATCH_PATTERN, "", Finding.SubjectKind.CLIENT, "10.0.0.7",
                "client host 10.0.0.7 watches one path", Map.of("paths",
                List.of(Map.of("path", "/tenant-a/q", "sessions", 4L)), "pinned_clients",
                List.of(Map.of("client", "10.0.0.7"))));
        LabelPolicy hmac = LabelPolicy.of(RedactionRule.hmac(KEY), RedactionRule.hmac(KEY));
        Finding shown = FindingRedaction.apply(hmac, f);
        String host = hmac.clientLabel("10.0.0.7");
        assertEquals(host, shown.subject());
        assertEquals("client host " + host + " watches one path", shown.summary());
        assertEquals(Map.of("paths", List.of(Map.of("path", hmac.path("/tenant-a/q").orElseThrow(), "sessions", 4L)),
                "pinned_clients", List.of(Map.of("client", host))), shown.details());
        Finding dropped = FindingRedaction.apply(LabelPolicy.of(RedactionRule.drop(), RedactionRule.drop()), f);
        assertEquals(Map.of("paths", List.of(), "pinned_clients", List.of(Map.of("client", "redacted"))),
                dropped.details());
    }

    @Test
    void policyFromSettingsStripsOneTrailingNewlineOfTheKeyFile() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), "k\n");
        LabelPolicy p = LabelPolicy.from(new Redaction(RedactionMode.HMAC, 1, Optional.of(key), RedactionMode.HMAC,
                24, 48, Optional.empty()));
        assertEquals(RedactionRule.hmac(KEY).apply("/x"), p.path("/x"));
        assertEquals(RedactionRule.hmac(KEY).apply("10.0.0.1"), p.client("10.0.0.1"));
    }
}
