package dev.marcus.cli.commands;

import dev.marcus.core.error.ValidationException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many agents at once against MCP over Streamable HTTP ({@code /mcp} of {@code marcus serve}): each is an MCP SDK
 * client with its own session, looping {@code request_next_task} → {@code report_task_progress(completed)}. Prints
 * cycles per second and the latency of each {@code tools/call} (p50, p99), and checks that no task was handed out
 * twice.
 */
@Command(name = "http", mixinStandardHelpOptions = true, description = {
    "Drive MCP over Streamable HTTP (/mcp) with N concurrent agents, each an MCP SDK client, looping "
        + "request_next_task -> report_task_progress(completed); print cycles/s and tools/call p50/p99.",
    "Without --url it starts `marcus serve` in a child JVM on a scratch MARCUS_HOME (SQLite, unless the "
        + "environment selects another profile, e.g. MARCUS_PROFILE=team DATABASE_URL=...)."})
public final class BenchHttpCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SLICE = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", defaultValue = "32", description = "Concurrent agents (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the measured run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of load before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--tasks", defaultValue = "5000",
            description = "Independent tasks seeded in a new project (default ${DEFAULT-VALUE}); agents stop when they run out.")
    int tasks;

    @Option(names = "--url", paramLabel = "URL", description = "A running server (e.g. http://127.0.0.1:5000); default: start one.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token for /mcp (default: MARCUS_MCP_TOKEN).")
    String token;

    @Option(names = "--java-opts", paramLabel = "OPTS", description = "JVM options of the started server (default: the JVM's defaults).")
    String javaOpts;

    @Override
    public Integer call() throws Exception {
        if (agents < 1 || agents > 512) {
            throw new ValidationException("--agents", "must be between 1 and 512");
        }
        if (seconds < 1 || seconds > 600 || warmup < 0 || warmup > 120) {
            throw new ValidationException("--seconds", "must be between 1 and 600 (and --warmup between 0 and 120)");
        }
        if (tasks < 1 || tasks > 100_000) {
            throw new ValidationException("--tasks", "must be between 1 and 100000");
        }
        if (token == null) {
            token = System.getenv("MARCUS_MCP_TOKEN");
        }
        PrintWriter out = spec.commandLine().getOut();
        Process server = null;
        BenchSupport.Scratch home = null;
        try {
            if (url == null) {
                int port = freePort();
                if (token == null) {
                    // the started server requires it on /mcp; with accounts on (team profile) it acts as an unscoped
                    // admin, so the run also pays for the role checks and the audit line of every change
                    token = "bench-" + java.util.UUID.randomUUID();
                }
                home = BenchSupport.scratch("marcus-bench-http");
                server = startServer(port, home.dir());
                url = "http://127.0.0.1:" + port;
                awaitHealth(server, url, home.dir().resolve("serve.log"));
            }
            url = url.replaceAll("/+$", "");
            out.printf("marcus bench http — %d cores, Java %s, %s, %d agents over MCP Streamable HTTP at %s/mcp%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    server == null ? "external server" : "server in a child JVM (" + (javaOpts == null ? "default JVM options" : javaOpts) + ")",
                    agents, url);
            out.flush();
            run(out);
            return 0;
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(15, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                    server.waitFor(15, TimeUnit.SECONDS);
                }
            }
            if (home != null) {
                home.close();
            }
        }
    }

    private void run(PrintWriter out) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<McpSyncClient> clients = new ArrayList<>();
        try {
            long s0 = System.nanoTime();
            McpSyncClient seeder = client();
            String projectId = seed(seeder, "Bench http " + suffix);
            seeder.closeGracefully();
            out.printf("seeded %d independent tasks in %.1f s%n", tasks, (System.nanoTime() - s0) / 1e9);
            for (int i = 0; i < agents; i++) {
                McpSyncClient c = client();
                clients.add(c);
                JsonNode r = call(c, "register_agent", Map.of("agent_id", "bench-" + suffix + "-" + i,
                        "name", "Bench " + i, "role", "dev", "project_id", projectId));
                if (!r.path("success").asBoolean()) {
                    throw new IllegalStateException("register_agent refused: " + r);
                }
            }
            AtomicLong cycles = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            AtomicLong noTask = new AtomicLong();
            Map<String, String> holders = new ConcurrentHashMap<>();
            List<Long> next = Collections.synchronizedList(new ArrayList<>());
            List<Long> report = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            long measureFrom = start + warmup * 1_000_000_000L;
            long deadline = measureFrom + seconds * 1_000_000_000L;
            long[] measuredStart = {0};
            ExecutorService pool = Executors.newFixedThreadPool(agents);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                McpSyncClient c = clients.get(i);
                String agent = "bench-" + suffix + "-" + i;
                loops.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        JsonNode task = call(c, "request_next_task", Map.of("agent_id", agent));
                        long t1 = System.nanoTime();
                        boolean measured = t0 >= measureFrom;
                        if (measured) {
                            next.add((t1 - t0) / 1_000);
                        }
                        if (!task.path("success").asBoolean() || task.path("task").isMissingNode()) {
                            if (task.path("project_complete").asBoolean()) {
                                return null;
                            }
                            noTask.incrementAndGet();
                            Thread.sleep(50);
                            continue;
                        }
                        String taskId = task.path("task").path("id").asString();
                        if (holders.putIfAbsent(taskId, agent) != null) {
                            duplicates.incrementAndGet();
                        }
                        long t2 = System.nanoTime();
                        JsonNode done = call(c, "report_task_progress", Map.of("agent_id", agent, "task_id", taskId,
                                "status", "completed", "progress", 100));
                        long t3 = System.nanoTime();
                        if (!done.path("success").asBoolean()) {
                            throw new IllegalStateException("completion refused: " + done);
                        }
                        if (measured) {
                            report.add((t3 - t2) / 1_000);
                            cycles.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : loops) {
                f.get();
            }
            double elapsed = (Math.min(System.nanoTime(), deadline) - measureFrom) / 1e9;
            pool.shutdown();
            List<Long> all = new ArrayList<>(next);
            all.addAll(report);
            Collections.sort(all);
            List<Long> n = sorted(next);
            List<Long> r = sorted(report);
            out.printf("%d agents, %d s measured after %d s warm-up: %d cycles (request_next_task + completed) = %.1f cycles/s, "
                            + "%.1f tools/call per second%n", agents, seconds, warmup, cycles.get(), cycles.get() / elapsed,
                    all.size() / elapsed);
            out.printf("tools/call latency: all p50 %.1f ms, p99 %.1f ms (%d calls); request_next_task p50 %.1f ms, p99 %.1f ms;"
                            + " report_task_progress p50 %.1f ms, p99 %.1f ms%n",
                    pct(all, 50), pct(all, 99), all.size(), pct(n, 50), pct(n, 99), pct(r, 50), pct(r, 99));
            out.printf("tasks handed out twice: %d; empty answers (no task ready): %d%n", duplicates.get(), noTask.get());
            out.flush();
        } finally {
            for (McpSyncClient c : clients) {
                try {
                    c.closeGracefully();
                } catch (RuntimeException ignored) {
                    // the server may be gone already
                }
            }
        }
    }

    private String seed(McpSyncClient c, String name) {
        String projectId = null;
        for (int from = 0; from < tasks; from += SLICE) {
            StringBuilder outline = new StringBuilder("# Slice ").append(from / SLICE).append('\n');
            for (int i = from; i < Math.min(tasks, from + SLICE); i++) {
                outline.append("- Task ").append(i).append('\n');
            }
            JsonNode r = from == 0
                    ? call(c, "create_project", Map.of("project_name", name, "description", outline.toString()))
                    : call(c, "create_tasks", Map.of("project_name", name, "task_description", outline.toString()));
            if (!r.path("success").asBoolean()) {
                throw new IllegalStateException("seeding refused: " + r);
            }
            if (projectId == null) {
                projectId = r.path("project_id").asString();
            }
        }
        return projectId;
    }

    private McpSyncClient client() {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        var transport = HttpClientStreamableHttpTransport.builder(url).endpoint("/mcp").requestBuilder(request).build();
        McpSyncClient c = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("marcus-bench-http", "marcus-bench-http", "1"))
                .build();
        c.initialize();
        return c;
    }

    private static JsonNode call(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        return JSON.readTree(((McpSchema.TextContent) r.content().get(0)).text());
    }

    private Process startServer(int port, Path home) throws IOException, URISyntaxException {
        Path jar = BenchSupport.selfJar(" or be given --url");
        List<String> cmd = new ArrayList<>(List.of(BenchSupport.javaBinary()));
        cmd.addAll(BenchSupport.javaOptions(javaOpts));
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(home.resolve("serve.log").toFile());
        pb.environment().put("MARCUS_HOME", home.toString());
        pb.environment().put("MARCUS_MCP_TOKEN", token);
        pb.environment().putIfAbsent("MARCUS_LOG_LEVEL", "WARN");
        return pb.start();
    }

    private static void awaitHealth(Process server, String base, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("marcus serve exited with " + server.exitValue() + " before answering: "
                        + lastLines(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("marcus serve did not answer /health within 60 s");
    }

    /** The end of the started server's log, for an error message (the log goes with its scratch directory). */
    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    /** Nearest-rank percentile of microseconds, in milliseconds. */
    private static double pct(List<Long> sorted, int p) {
        return BenchSupport.percentile(sorted, p) / 1000.0;
    }
}
