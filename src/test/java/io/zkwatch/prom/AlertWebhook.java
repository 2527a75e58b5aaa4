package io.zkwatch.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The receiving end of an Alertmanager webhook, in the test JVM: it records every alert of every notification
 * and lets a test wait, with a deadline, for one that matches. It answers 200 to every well-formed post.
 */
public final class AlertWebhook implements AutoCloseable {

    /** One alert as Alertmanager delivered it ({@code status} is {@code firing} or {@code resolved}). */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations) {
        public Alert {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }

        public String name() {
            return labels.getOrDefault("alertname", "");
        }

        public boolean firing() {
            return "firing".equals(status);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-webhook");
        t.setDaemon(true);
        return t;
    });
    private final List<Alert> received = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    private AlertWebhook(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static AlertWebhook start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        AlertWebhook hook = new AlertWebhook(http);
        http.createContext("/alerts", hook::handle);
        http.setExecutor(hook.executor);
        http.start();
        return hook;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            List<Alert> alerts;
            try {
                alerts = parse(JSON.readTree(bytes));
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    rejected.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    notifyAll();
                }
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            synchronized (this) {
                received.addAll(alerts);
                notifyAll();
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** The alerts of one webhook payload (Alertmanager's version 4 format). */
    static List<Alert> parse(JsonNode payload) throws IOException {
        if (!"4".equals(payload.path("version").asText()) || !payload.path("alerts").isArray()) {
            throw new IOException("not an Alertmanager webhook payload: " + payload);
        }
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : payload.path("alerts")) {
            out.add(new Alert(a.path("status").asText(), strings(a.path("labels")), strings(a.path("annotations"))));
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Every alert received so far, in arrival order. */
    public synchronized List<Alert> received() {
        return List.copyOf(received);
    }

    /** Bodies that were not webhook payloads (should stay empty). */
    public synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    /**
     * Waits until an alert matching {@code accept} has arrived, for at most {@code timeout}.
     *
     * @throws AssertionError naming {@code what} and listing every alert received, when none arrives in time
     */
    public Alert await(Predicate<Alert> accept, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Alert a : received) {
                    if (accept.test(a)) {
                        return a;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("within " + timeout + " the webhook never received " + what
                            + "; received: " + received + (rejected.isEmpty() ? "" : "; rejected: " + rejected));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
