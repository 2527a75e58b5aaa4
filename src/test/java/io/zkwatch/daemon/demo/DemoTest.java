package io.zkwatch.daemon.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkwatch.daemon.export.MetricFamily;
import io.zkwatch.daemon.localzk.LocalServer;
import io.zkwatch.daemon.localzk.ZkDistribution;
import io.zkwatch.prom.Exposition;
import io.zkwatch.prom.Exposition.Sample;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo a newcomer runs first: a real ensemble, real misbehaving clients, zkwatch in the same JVM. Asserts what
 * its guide promises, within the minute it promises, and that it leaves no process or directory behind.
 */
class DemoTest {

    private static final Duration PROMISED = Duration.ofSeconds(60);
    private static final String LEAKER = ConnectionLeaker.HOST;
    private static final String TRACKER = JobTracker.HOST;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(240)
    void showsEveryFamilyAndEachMisbehaviourWithinAMinuteThenLeavesNothingBehind() throws Exception {
        Demo demo = Demo.start(new Demo.Options(new InetSocketAddress("127.0.0.1", 0), ZkDistribution.resolver()));
        long deadline = System.nanoTime() + PROMISED.toNanos();
        List<Long> pids = demo.ensemble().servers().stream().map(LocalServer::pid).toList();
        List<String> clientPorts = demo.ensemble().servers().stream().map(s -> ":" + s.clientPort() + ")").toList();
        Path directory = demo.ensemble().directory();
        try {
            String memberOne = DemoLoad.serverLabel(demo.ensemble().server(1));
            assertTrue(demo.guide().contains(demo.uri("/metrics").toString()), demo.guide());

            List<Sample> all = awaitScrape(demo, deadline, "a sample of every zookeeper_* family",
                    s -> missingFamilies(s).isEmpty(), s -> "missing: " + missingFamilies(s));

            awaitScrape(demo, deadline, "member 1 holding well over a third of the connections",
                    s -> share(s, memberOne) > 0.45 && share(s, memberOne) == maxShare(s),
                    s -> "shares: " + shares(s));

            awaitScrape(demo, deadline, "the leaker's host with the most connections",
                    s -> LEAKER.equals(busiestClient(s)), s -> "connections by host: " + connectionsByHost(s));

            double first = trackerWatches(awaitScrape(demo, deadline, "the job tracker's session watches",
                    s -> trackerWatches(s).isPresent(), s -> "no session of " + TRACKER)).getAsDouble();
            // Past the jobs still running: only watches on finished jobs can take it there.
            double past = Math.max(first, JobTracker.RUNNING);
            awaitScrape(demo, deadline, "the job tracker's session watches climbing past " + past,
                    s -> trackerWatches(s).orElse(0) > past, s -> "tracker: " + trackerWatches(s));

            assertTrue(all.stream().noneMatch(s -> s.name().equals(MetricFamily.UP.metricName()) && s.value() != 1),
                    "every member is up");
        } finally {
            demo.close();
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server " + pid + " alive");
        }
        assertFalse(Files.exists(directory), directory + " is left behind");
        List<String> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("zkwatch-demo") || clientPorts.stream().anyMatch(n::contains))
                .toList();
        assertEquals(List.of(), threads, "demo and ZooKeeper client threads left running");
    }

    /** Every ZooKeeper family the exporter declares: the demo populates each one. */
    private static List<String> missingFamilies(List<Sample> samples) {
        return Arrays.stream(MetricFamily.values()).map(MetricFamily::metricName)
                .filter(n -> n.startsWith("zookeeper_"))
                .filter(n -> Exposition.of(samples, n).isEmpty())
                .toList();
    }

    private static Map<String, Double> shares(List<Sample> samples) {
        return Exposition.of(samples, MetricFamily.CONNECTION_SHARE.metricName()).stream()
                .collect(Collectors.toMap(s -> s.label("server"), Sample::value));
    }

    private static double share(List<Sample> samples, String server) {
        return shares(samples).getOrDefault(server, 0.0);
    }

    private static double maxShare(List<Sample> samples) {
        return shares(samples).values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** Connections per client host, summed over the members. */
    private static Map<String, Double> connectionsByHost(List<Sample> samples) {
        return Exposition.of(samples, MetricFamily.CLIENT_CONNECTIONS.metricName()).stream()
                .collect(Collectors.groupingBy(s -> s.label("client"), Collectors.summingDouble(Sample::value)));
    }

    private static String busiestClient(List<Sample> samples) {
        return connectionsByHost(samples).entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue))
                .map(Map.Entry::getKey).orElse("");
    }

    private static OptionalDouble trackerWatches(List<Sample> samples) {
        return Exposition.of(samples, MetricFamily.SESSION_WATCHES.metricName()).stream()
                .filter(s -> s.label("client").equals(TRACKER)).mapToDouble(Sample::value).max();
    }

    /** Scrapes until {@code accept} holds or the deadline passes; fails with {@code explain} of the last scrape. */
    private List<Sample> awaitScrape(Demo demo, long deadline, String what, Predicate<List<Sample>> accept,
                                     Function<List<Sample>, String> explain)
            throws IOException, InterruptedException {
        List<Sample> last;
        do {
            last = scrape(demo);
            if (accept.test(last)) {
                return last;
            }
            Thread.sleep(500);
        } while (System.nanoTime() - deadline < 0);
        throw new AssertionError("within " + PROMISED + " of the demo's start, /metrics never showed " + what + "; "
                + explain.apply(last));
    }

    private List<Sample> scrape(Demo demo) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(demo.uri("/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Exposition.parse(r.body());
    }
}
