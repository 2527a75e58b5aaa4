package io.zkwatch.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.localzk.LocalEnsemble;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.ZkDistribution;
import io.zkwatch.harness.FixtureLoad.SessionNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Captures the raw-reply fixtures from real servers: per version a 3-member ensemble under
 * {@link FixtureLoad}, plus a standalone server with a restrictive whitelist. Writes
 * {@code fixtures/4lw/<v>/<word>/<case>.txt}, {@code fixtures/admin/<v>/<command>/<case>.json} and
 * {@code fixtures/<v>-LEGEND.md}, replacing any earlier capture of that version.
 *
 * <p>Run on purpose only:
 * {@code mvn -B test -Dtest=FixtureCapture -Dzkwatch.captureFixtures=true [-Dzkwatch.captureVersions=3.7.2]},
 * or {@link #main(String[])} with the versions as arguments.
 */
class FixtureCapture {

    static final String ENABLE = "zkwatch.captureFixtures";
    static final String RESTRICTED_WHITELIST = "srvr,mntr,ruok";
    static final String DATA_PLACEHOLDER = "/var/lib/zookeeper";
    static final String LIB_PLACEHOLDER = "/opt/zookeeper/lib/";
    private static final Duration SHORT = Duration.ofSeconds(10);

    @Test
    @EnabledIfSystemProperty(named = ENABLE, matches = "true")
    void capturesFixturesFromRealServers() throws Exception {
        for (String version : versions(List.of())) {
            capture(version, fixturesRoot());
        }
    }

    public static void main(String[] args) throws Exception {
        for (String version : versions(List.of(args))) {
            capture(version, fixturesRoot());
        }
    }

    static List<String> versions(List<String> args) {
        if (!args.isEmpty()) {
            return args;
        }
        String property = System.getProperty("zkwatch.captureVersions");
        return property == null ? ZkVersions.list() : List.of(property.split(","));
    }

    static Path fixturesRoot() {
        return Path.of(System.getProperty("zkwatch.fixturesDir", "src/test/resources/fixtures")).toAbsolutePath();
    }

    static void capture(String version, Path root) throws Exception {
        for (String format : List.of("4lw", "admin")) {
            deleteRecursively(root.resolve(format).resolve(version));
        }
        FixtureWriter writer = new FixtureWriter(root, version);
        List<String> legend = new ArrayList<>();
        try (LocalEnsemble zk = TestEnsembles.quorum(version).start(); Clients clients = new Clients()) {
            placeholders(writer, zk);
            LocalServer leader = zk.leader();
            List<LocalServer> followers = zk.followers();
            LocalServer follower = followers.get(0);
            LocalServer other = followers.get(1);
            writer.allFourLetterWords(follower, "empty");
            writer.allAdminCommands(follower, "empty");

            List<SessionNote> sessions = FixtureLoad.apply(clients, leader, follower, other, atLeast36(version));
            Map<LocalServer, String> cases = new LinkedHashMap<>();
            cases.put(follower, "follower");
            cases.put(leader, "leader");
            cases.put(other, "odd-paths");
            for (Map.Entry<LocalServer, String> c : cases.entrySet()) {
                writer.allFourLetterWords(c.getKey(), c.getValue());
                writer.allAdminCommands(c.getKey(), c.getValue());
            }
            String wchc = Probes.text(Files.readAllBytes(root.resolve("4lw/" + version + "/wchc/follower.txt")));
            assertTrue(wchc.contains(sessions.get(1).hexId() + "\n") && wchc.contains("/probe/data/missing-A"),
                    "the follower capture must show session A's watches:\n" + wchc);
            legend.addAll(ensembleLegend(zk, cases, sessions));
        }
        try (LocalEnsemble restricted = TestEnsembles.standalone(version).whitelist(RESTRICTED_WHITELIST).start()) {
            placeholders(writer, restricted);
            LocalServer server = restricted.servers().get(0);
            Set<String> allowed = Set.of(RESTRICTED_WHITELIST.split(","));
            for (String word : FixtureWriter.FOUR_LETTER_WORDS) {
                boolean ok = allowed.contains(word);
                byte[] reply = writer.fourLetterWord(server, word, ok ? "standalone" : "not-whitelisted");
                assertTrue(ok || Probes.text(reply).equals(word + " is not executed because it is not in the whitelist.\n"),
                        "unexpected refusal text: " + Probes.text(reply));
            }
            writer.allAdminCommands(server, "standalone");
        }
        legend.add("");
        legend.add("`standalone` and `not-whitelisted`: a separate standalone server with `4lw.commands.whitelist="
                + RESTRICTED_WHITELIST + "`: the whitelisted words and every admin command (the AdminServer ignores the"
                + " 4lw whitelist) are `standalone`, the refusals of the other words are `not-whitelisted`.");
        writer.notes().forEach(n -> legend.add("- " + n));
        Files.writeString(root.resolve(version + "-LEGEND.md"), header(version) + String.join("\n", legend) + "\n",
                StandardCharsets.UTF_8);
    }

    private static String header(String version) {
        return "# ZooKeeper " + version + " fixtures (captured " + LocalDate.now(ZoneOffset.UTC)
                + " by FixtureCapture on a real 3-node loopback ensemble)\n\n"
                + "Raw bytes of real ZooKeeper " + version + " servers started by the zkwatch harness (LocalEnsemble child"
                + " JVMs on Java " + System.getProperty("java.version") + ", NIO cnxn factory, `4lw.commands.whitelist=*`,"
                + " reconfigEnabled with a dynamic membership file). Placeholders: the ensemble's directory (data dirs,"
                + " user.dir, the launcher dir on the classpath) is replaced by `" + DATA_PLACEHOLDER
                + "`, and every server jar's path by `" + LIB_PLACEHOLDER + "<jar>`; nothing else was changed."
                + " Regenerate with `mvn -B test -Dtest=FixtureCapture -Dzkwatch.captureFixtures=true"
                + " -Dzkwatch.captureVersions=" + version + "`.\n\n";
    }

    private static List<String> ensembleLegend(LocalEnsemble zk, Map<LocalServer, String> cases,
                                               List<SessionNote> sessions) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Ensemble (member: client port, admin port, mode, fixture case):");
        for (LocalServer s : zk.servers()) {
            lines.add("- zk" + s.id() + ": 127.0.0.1:" + s.clientPort() + ", admin " + s.adminPort() + ", "
                    + s.mode().name().toLowerCase() + (cases.containsKey(s) ? ", case `" + cases.get(s) + "`" : ""));
        }
        LocalServer empty = cases.keySet().iterator().next();
        lines.add("- case `empty`: zk" + empty.id() + " after the ensemble formed, before any client session.");
        lines.add("");
        lines.add("Sessions (hex id, member, what it did):");
        for (SessionNote n : sessions) {
            lines.add("- " + n.hexId() + " (" + n.name() + ", zk" + n.member().id() + "): " + n.what());
        }
        lines.add("");
        lines.add("Watch totals at capture time: mntr `zk_watch_count` (data + child watch tables) vs wchs"
                + " `Total watches` (data watches only):");
        for (LocalServer s : zk.servers()) {
            String mntr = Probes.text(Probes.fourLetterWord(s.clientPort(), "mntr", SHORT));
            String wchs = Probes.text(Probes.fourLetterWord(s.clientPort(), "wchs", SHORT));
            lines.add("- zk" + s.id() + " (" + s.mode().name().toLowerCase() + "): zk_watch_count "
                    + number(mntr, "zk_watch_count\\s+(\\d+)") + ", wchs total " + number(wchs, "Total watches:(\\d+)")
                    + ", wchs says \"" + wchs.lines().findFirst().orElse("") + "\"");
        }
        return lines;
    }

    private static void placeholders(FixtureWriter writer, LocalEnsemble ensemble) {
        writer.placeholder(ensemble.directory().toString(), DATA_PLACEHOLDER);
        ZkDistribution dist = ZkDistribution.resolve(ensemble.version());
        for (Path jar : dist.classpath()) {
            writer.placeholder(jar.toString(), LIB_PLACEHOLDER + jar.getFileName());
        }
    }

    private static String number(String reply, String regex) {
        Matcher m = Pattern.compile(regex).matcher(reply);
        return m.find() ? m.group(1) : "(absent)";
    }

    private static boolean atLeast36(String version) {
        String[] parts = version.split("\\.");
        return Integer.parseInt(parts[0]) > 3 || Integer.parseInt(parts[1]) >= 6;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
