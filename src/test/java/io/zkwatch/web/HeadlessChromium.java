package io.zkwatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools protocol with the JDK's own WebSocket
 * client: navigate, evaluate JavaScript in the page, wait for a condition, take a screenshot. No browser is
 * downloaded; the test skips when {@code /usr/bin/chromium} (or {@code $CHROMIUM}) is absent.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessChromium(Process process, WebSocket socket, Listener listener) {
        this.process = process;
        this.socket = socket;
        listener.owner = this;
    }

    static Path binary() {
        String override = System.getenv("CHROMIUM");
        return Path.of(override != null ? override : "/usr/bin/chromium");
    }

    static boolean available() {
        return Files.isExecutable(binary());
    }

    /** Starts a fresh browser whose profile lives in {@code dir} (created new), logging to {@code dir}/../. */
    static HeadlessChromium start(Path dir, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("profile"));
        List<String> cmd = List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            int port = awaitDevToolsPort(p, profile.resolve("DevToolsActivePort"), dir.resolve("chromium.log"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String ws = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    ws = t.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (ws == null) {
                throw new IOException("chromium lists no page target: " + targets);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(ws), listener).get(10, TimeUnit.SECONDS);
            HeadlessChromium c = new HeadlessChromium(p, socket, listener);
            c.call("Page.enable", JSON.createObjectNode());
            c.call("Runtime.enable", JSON.createObjectNode());
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            destroy(p);
            throw e;
        } catch (ExecutionException | TimeoutException e) {
            destroy(p);
            throw new IOException("cannot open the DevTools WebSocket", e);
        }
    }

    private static int awaitDevToolsPort(Process p, Path file, Path log) throws IOException, InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            if (!p.isAlive()) {
                throw new IOException("chromium exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IOException("chromium wrote no DevToolsActivePort within 30 s:\n" + Files.readString(log));
    }

    /** Sends one protocol command and waits for its answer's {@code result}. */
    JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        try {
            socket.sendText(JSON.writeValueAsString(msg), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer within " + CALL_TIMEOUT, e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(URI url) throws IOException, InterruptedException {
        call("Page.navigate", JSON.createObjectNode().put("url", url.toString()));
    }

    /** Evaluates {@code expression} in the page and returns its value (JSON-serialisable results only). */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("page script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Evaluates {@code expression} until it is {@code true}; fails with the last value of {@code explain}. */
    void awaitTrue(String expression, Duration timeout, String explain) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            JsonNode v = evaluate("(() => { try { return " + expression + "; } catch (e) { return false; } })()");
            if (v.asBoolean(false)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError("within " + timeout + " the page never satisfied " + expression + "; "
                + explain + " = " + evaluate(explain));
    }

    /** A PNG of the whole page, not only the window. */
    void screenshot(Path file) throws IOException, InterruptedException {
        int width = evaluate("document.documentElement.scrollWidth").asInt(1280);
        int height = evaluate("document.documentElement.scrollHeight").asInt(2000);
        call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                .put("height", Math.min(height, 16_000)).put("deviceScaleFactor", 1).put("mobile", false));
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the process is stopped below in any case
        }
        socket.abort();
        destroy(process);
    }

    private static void destroy(Process p) {
        List<ProcessHandle> children = new ArrayList<>(p.descendants().toList());
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private void dispatch(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            if (msg.has("id")) {
                CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
                if (f != null) {
                    f.complete(msg);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Joins fragmented frames (screenshots arrive in many) into whole protocol messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                HeadlessChromium o = owner;
                if (o != null) {
                    o.dispatch(text);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
