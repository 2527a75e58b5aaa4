package io.zkwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkwatch.daemon.DaemonHarness;
import io.zkwatch.prom.AlertWebhook;
import io.zkwatch.prom.AlertWebhook.Alert;
import io.zkwatch.prom.AlertmanagerServer;
import io.zkwatch.prom.PrometheusServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * zkwatch, Prometheus and Alertmanager wired as a user would wire them, around a webhook in the test JVM:
 * zkwatch (configured by YAML) is scraped by Prometheus, which loads the shipped rules rendered by the documented
 * override with {@code for: 2s} and sends to Alertmanager, which routes every alert to the webhook.
 */
final class AlertPipeline implements AutoCloseable {

    static final Duration ALERT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final AlertWebhook webhook;
    private final AlertmanagerServer alertmanager;
    private final DaemonHarness daemon;
    private final PrometheusServer prometheus;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertPipeline(AlertWebhook webhook, AlertmanagerServer alertmanager, DaemonHarness daemon,
                          PrometheusServer prometheus) {
        this.webhook = webhook;
        this.alertmanager = alertmanager;
        this.daemon = daemon;
        this.prometheus = prometheus;
    }

    /** Starts the webhook, Alertmanager, zkwatch with {@code daemonYaml} and Prometheus, in that order. */
    static AlertPipeline start(Path dir, String daemonYaml) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            AlertWebhook webhook = add(started, AlertWebhook.start());
            AlertmanagerServer alertmanager = add(started,
                    AlertmanagerServer.start(dir.resolve("alertmanager"), webhook.uri()));
            DaemonHarness daemon = add(started, DaemonHarness.start(dir.resolve("zkwatch"), daemonYaml));
            Path rules = dir.resolve("zkwatch-alerts-short.yaml");
            Files.writeString(rules, AlertRules.render("--for", "2s"));
            PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"),
                    List.of(instance(daemon)), List.of(rules), alertmanager.address(), "");
            return new AlertPipeline(webhook, alertmanager, daemon, prometheus);
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> started, T part) {
        started.add(0, part);
        return part;
    }

    private static String instance(DaemonHarness daemon) {
        return "127.0.0.1:" + daemon.daemon().port();
    }

    /** The {@code instance} label Prometheus gives zkwatch. */
    String instance() {
        return instance(daemon);
    }

    AlertWebhook webhook() {
        return webhook;
    }

    PrometheusServer prometheus() {
        return prometheus;
    }

    DaemonHarness daemon() {
        return daemon;
    }

    /** A mark in the webhook's history, for {@link #assertOnlyFired}. */
    int mark() {
        return webhook.received().size();
    }

    static Predicate<Alert> firing(String alertname) {
        return a -> a.firing() && a.name().equals(alertname);
    }

    static Predicate<Alert> resolved(String alertname) {
        return a -> !a.firing() && a.name().equals(alertname);
    }

    static Predicate<Alert> labelled(String label, String value) {
        return a -> value.equals(a.labels().get(label));
    }

    /** Waits up to {@link #ALERT_TIMEOUT} for a matching notification at the webhook. */
    Alert await(Predicate<Alert> accept, String what) throws InterruptedException {
        return webhook.await(accept, ALERT_TIMEOUT, what);
    }

    boolean arrived(Predicate<Alert> accept) {
        return webhook.received().stream().anyMatch(accept);
    }

    /** Waits until Prometheus has scraped a value of at least {@code atLeast} for {@code promql}. */
    void awaitAtLeast(String promql, double atLeast) throws IOException, InterruptedException {
        prometheus.awaitQuery(promql, r -> r.size() == 1 && r.get(0).path("value").get(1).asDouble() >= atLeast,
                QUERY_TIMEOUT);
    }

    /** One round of load: does something a leaking client would and returns the new total it caused. */
    interface Round {
        long run() throws Exception;
    }

    /**
     * Repeats {@code round} until {@code done} (typically: the alert has arrived) or {@code maxRounds} have run;
     * after each round it waits until Prometheus sees {@code promql} reach the round's total, so that every round
     * is a reading of its own and the growth is steady, reading after reading.
     */
    void growUntil(BooleanSupplier done, int maxRounds, String promql, Round round) throws Exception {
        for (int i = 0; i < maxRounds && !done.getAsBoolean(); i++) {
            awaitAtLeast(promql, round.run());
        }
    }

    /** Writes zkwatch's configuration file and asks it to reload; returns the HTTP status of the reload. */
    int reconfigure(String yaml) throws IOException, InterruptedException {
        Files.writeString(daemon.configFile(), yaml);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(daemon.uri("/-/reload"))
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    /** Waits until every rule group has been evaluated after {@code after}; returns the groups. */
    JsonNode awaitRulesEvaluatedAfter(Instant after) throws IOException, InterruptedException {
        Instant end = Instant.now().plusSeconds(60);
        JsonNode groups = null;
        while (Instant.now().isBefore(end)) {
            groups = prometheus.get("/api/v1/rules").path("data").path("groups");
            boolean all = groups.size() > 0;
            for (JsonNode g : groups) {
                all &= Instant.parse(g.path("lastEvaluation").asText()).isAfter(after);
            }
            if (all) {
                return groups;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("rule groups not evaluated after " + after + ": " + groups);
    }

    /** Every alert that fired since {@code mark} is one of {@code expected}. */
    void assertOnlyFired(int mark, String... expected) {
        assertOnlyFired(mark, a -> false, expected);
    }

    /**
     * Every alert that fired since {@code mark} is one of {@code expected}, or a late arrival that
     * {@code carriedOver} recognises as caused by an earlier case.
     */
    void assertOnlyFired(int mark, java.util.function.Predicate<Alert> carriedOver, String... expected) {
        List<Alert> all = webhook.received();
        List<Alert> others = all.subList(mark, all.size()).stream()
                .filter(a -> a.firing() && !List.of(expected).contains(a.name()) && !carriedOver.test(a)).toList();
        assertEquals(List.of(), others, "alerts other than " + List.of(expected) + " fired");
    }

    @Override
    public void close() {
        closeAll(List.of(prometheus, daemon, alertmanager, webhook));
    }

    /** Closes every part, even when one fails to close. */
    static void closeAll(List<? extends AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                // keep closing the rest; nothing more can be done for this one
            }
        }
    }
}
