package dev.marcus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code marcus} command as a person runs it: the shaded jar in a child JVM, with a home, an environment and
 * standard input of the test's choosing. One-shot commands ({@link #run}) and {@code marcus serve} ({@link #serve}).
 */
final class MarcusCli {
    private MarcusCli() {
    }

    /** What a command printed and returned. */
    record Result(int exit, String out, String err) {
    }

    /** The environment of a child: a clean one, so the test machine's own MARCUS_* and DATABASE_URL do not leak in. */
    static Map<String, String> env(Path home, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("MARCUS_HOME", home.toString());
        env.put("MARCUS_LOG_LEVEL", "WARN");
        env.putAll(extra);
        return env;
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", MarcusServer.jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code marcus args…} to completion (at most two minutes) with {@code stdin} (null: none). */
    static Result run(Path home, Map<String, String> env, String stdin, String... args) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args));
            pb.environment().clear();
            pb.environment().putAll(env(home, env));
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("marcus " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot run marcus " + String.join(" ", args), e);
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(s.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private static final Pattern SERVING = Pattern.compile("serving http://[^:]+:(\\d+)/");

    /** Starts {@code marcus serve --port 0 args…} and waits until it says where it serves. */
    static Serve serve(Path home, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0"));
        all.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command(all.toArray(String[]::new)))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env(home, env));
            Process p = pb.start();
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        log.add(line);
                        Matcher m = SERVING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                port.completeExceptionally(new AssertionError("marcus serve ended before serving: " + log));
            }, "serve-stderr");
            reader.setDaemon(true);
            reader.start();
            try {
                return new Serve(p, port.get(90, TimeUnit.SECONDS), log);
            } catch (Exception e) {
                p.destroyForcibly();
                throw new AssertionError("marcus serve did not start: " + log, e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start marcus serve", e);
        }
    }

    /** A running {@code marcus serve}; closing it stops it as SIGTERM would. */
    record Serve(Process process, int port, List<String> log) implements AutoCloseable {
        String base() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A small HTTP client that keeps cookies, as a browser session would. */
    static final class Http {
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;

        Http(String base) {
            this.base = base;
        }

        java.net.http.HttpResponse<String> get(String path) {
            return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).GET());
        }

        java.net.http.HttpResponse<String> post(String path, String json) {
            return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
        }

        private java.net.http.HttpResponse<String> send(java.net.http.HttpRequest.Builder request) {
            try {
                return client.send(request.timeout(Duration.ofSeconds(60)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("HTTP to " + base + " failed", e);
            }
        }
    }
}
