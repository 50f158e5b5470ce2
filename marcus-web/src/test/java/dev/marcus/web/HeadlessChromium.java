package dev.marcus.web;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.core.type.TypeReference;

/**
 * A real headless Chromium driven over the DevTools protocol (no driver binary, no extra library). Missing Chromium
 * skips the test locally and fails it when {@code CI=true}.
 */
final class HeadlessChromium implements AutoCloseable {
    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Path profile;

    static HeadlessChromium startOrSkip() {
        String binary = find();
        if (binary == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("chromium is not installed, and CI=true: browser tests must run "
                        + "(apt-get install -y chromium chromium-driver)");
            }
            Assumptions.abort("chromium is not installed; browser tests skipped locally");
        }
        try {
            return new HeadlessChromium(binary);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + binary + ": " + e.getMessage(), e);
        }
    }

    private static String find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private HeadlessChromium(String binary) throws IOException {
        profile = Files.createTempDirectory("marcus-chromium");
        process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=1280,900", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        Pattern p = Pattern.compile("DevTools listening on ws://([^/]+)/");
        String hostPort = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while (hostPort == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                hostPort = m.group(1);
            }
        }
        if (hostPort == null) {
            process.destroyForcibly();
            throw new IOException("chromium did not announce its DevTools port");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException ignored) {
                // the browser went away
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newHttpClient();
        String pageWs;
        try {
            String json = http.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<Map<String, Object>> targets = WebJson.MAPPER.readValue(json, new TypeReference<>() { });
            pageWs = targets.stream().filter(t -> "page".equals(t.get("type")))
                    .map(t -> (String) t.get("webSocketDebuggerUrl")).findFirst().orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
            private final StringBuilder buffer = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                buffer.append(data);
                if (last) {
                    Map<String, Object> msg = WebJson.MAPPER.readValue(buffer.toString(), new TypeReference<>() { });
                    buffer.setLength(0);
                    Object id = msg.get("id");
                    if (id instanceof Number n) {
                        CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                }
                ws.request(1);
                return null;
            }
        }).join();
    }

    Map<String, Object> send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(WebJson.write(Map.of("id", id, "method", method, "params", params)), true).join();
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("DevTools " + method + " failed: " + e, e);
        }
    }

    void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
    }

    /** Emulates a screen of this CSS size (a phone when {@code mobile}); {@link #resetViewport()} undoes it. */
    void viewport(int width, int height, double scale, boolean mobile) {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", scale, "mobile", mobile));
    }

    void resetViewport() {
        send("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Saves a PNG of the viewport, or of the page area {@code clip} (x, y, width, height in CSS pixels). */
    @SuppressWarnings("unchecked")
    void screenshot(Path file, double... clip) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("format", "png"));
        if (clip.length == 4) {
            params.put("clip", Map.of("x", clip[0], "y", clip[1], "width", clip[2], "height", clip[3], "scale", 1));
            params.put("captureBeyondViewport", true);
        }
        Map<String, Object> r = send("Page.captureScreenshot", params);
        Map<String, Object> result = (Map<String, Object>) r.get("result");
        if (result == null || !(result.get("data") instanceof String data)) {
            throw new IllegalStateException("no screenshot: " + r);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, java.util.Base64.getDecoder().decode(data));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Evaluates a JavaScript expression in the page and returns its JSON value. */
    @SuppressWarnings("unchecked")
    Object eval(String expression) {
        Map<String, Object> r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        Map<String, Object> result = (Map<String, Object>) r.get("result");
        if (result == null || result.containsKey("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r);
        }
        return ((Map<String, Object>) result.get("result")).get("value");
    }

    /** Polls the expression until it is true; returns the milliseconds waited. */
    long waitFor(String expression, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Object ok;
            try {
                ok = eval("!!(" + expression + ")");
            } catch (IllegalStateException pageNotReady) {
                ok = false;
            }
            if (Boolean.TRUE.equals(ok)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("page never satisfied: " + expression + " — body: "
                + eval("document.body ? document.body.innerText.slice(0, 500) : ''"));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } catch (RuntimeException ignored) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a temp directory left behind (Chromium's helpers may still be writing into it while it is walked)
        }
    }
}
