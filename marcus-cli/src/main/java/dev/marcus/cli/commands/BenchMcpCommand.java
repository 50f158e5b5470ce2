package dev.marcus.cli.commands;

import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.cli.wiring.Profiles;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.service.ProjectService;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts real {@code marcus mcp} processes on a scratch SQLite file and drives them as agents would, through the MCP
 * SDK's client over stdio. Measures start-up to the {@code initialize} reply, {@code request_next_task} +
 * {@code completed} cycles per second, and the peak resident memory of each server process.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = {
    "Drive real `marcus mcp` processes over stdio on a scratch SQLite database and print:",
    "start-up time to the initialize reply, request_next_task + completed cycles/s, peak RSS."})
public final class BenchMcpCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Option(names = "--processes", split = ",", defaultValue = "1,4", paramLabel = "N[,N…]",
            description = "Numbers of server processes (one agent each) to measure, in turn (default ${DEFAULT-VALUE}).")
    List<Integer> processes;

    @Option(names = "--seconds", defaultValue = "15", description = "Length of each load run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--tasks", defaultValue = "1000", description = "Independent tasks seeded per run (default ${DEFAULT-VALUE}, at most 1000).")
    int tasks;

    @Option(names = "--startup-runs", defaultValue = "5", description = "Cold starts to time (default ${DEFAULT-VALUE}).")
    int startupRuns;

    /** The launcher's options; the class-data archive it records next to the jar is used when present. */
    static final String LAUNCHER_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms32m -Xmx2g -Xlog:disable -Xlog:all=warning:stderr";

    @Option(names = "--java-opts", paramLabel = "OPTS",
            description = "JVM options of the server processes (default: the launcher's, with its class-data archive when present).")
    String javaOpts;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 600) {
            throw new ValidationException("--seconds", "must be between 1 and 600");
        }
        if (tasks < 1 || tasks > 1000) {
            throw new ValidationException("--tasks", "must be between 1 and 1000");
        }
        for (int p : processes) {
            if (p < 1 || p > 64) {
                throw new ValidationException("--processes", "each value must be between 1 and 64");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Path jar = BenchSupport.selfJar(", not from classes");
        if (javaOpts == null) {
            Path archive = jar.resolveSibling("marcus.jsa");
            javaOpts = LAUNCHER_OPTS + (Files.isRegularFile(archive) ? " -XX:SharedArchiveFile=" + archive : "");
        }
        out.printf("marcus bench mcp — %d cores, Java %s, server JVM options: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), javaOpts);

        List<Long> startups = new ArrayList<>();
        try (BenchSupport.Scratch startupHome = BenchSupport.scratch("marcus-bench-startup")) {
            for (int i = 0; i < startupRuns; i++) {
                long t0 = System.nanoTime();
                try (Server s = Server.start(jar, javaOpts, startupHome.dir())) {
                    startups.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        Collections.sort(startups);
        if (!startups.isEmpty()) {
            out.printf("start-up to initialize reply: min %d ms, median %d ms, max %d ms (%d cold starts)%n",
                    startups.get(0), startups.get(startups.size() / 2), startups.get(startups.size() - 1), startups.size());
        }
        out.flush();

        for (int n : processes) {
            run(out, jar, n);
        }
        return 0;
    }

    private void run(PrintWriter out, Path jar, int n) throws Exception {
        try (BenchSupport.Scratch scratch = BenchSupport.scratch("marcus-bench-" + n + "p")) {
            run(out, jar, n, scratch.dir());
        }
    }

    private void run(PrintWriter out, Path jar, int n, Path home) throws Exception {
        String projectId = seed(home);
        List<Server> servers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                servers.add(Server.start(jar, javaOpts, home));
            }
            for (int i = 0; i < n; i++) {
                servers.get(i).call("register_agent", Map.of("agent_id", "bench-" + i, "name", "Bench " + i,
                        "role", "dev", "project_id", projectId));
            }
            AtomicLong cycles = new AtomicLong();
            Map<String, String> holders = new ConcurrentHashMap<>();
            AtomicLong duplicates = new AtomicLong();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(n);
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long t0 = System.nanoTime();
            List<Future<?>> agents = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Server s = servers.get(i);
                String agent = "bench-" + i;
                agents.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long c0 = System.nanoTime();
                        JsonNode next = s.call("request_next_task", Map.of("agent_id", agent));
                        if (!next.path("success").asBoolean()) {
                            if (next.path("project_complete").asBoolean()) {
                                return null;
                            }
                            continue;
                        }
                        String taskId = next.path("task").path("id").asString();
                        if (holders.putIfAbsent(taskId, agent) != null) {
                            duplicates.incrementAndGet();
                        }
                        JsonNode done = s.call("report_task_progress", Map.of("agent_id", agent, "task_id", taskId,
                                "status", "completed", "progress", 100));
                        if (!done.path("success").asBoolean()) {
                            throw new IllegalStateException("completion refused: " + done);
                        }
                        latencies.add((System.nanoTime() - c0) / 1_000);
                        cycles.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : agents) {
                f.get();
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            List<Long> rss = servers.stream().map(Server::peakRssKb).filter(v -> v > 0).sorted().toList();
            List<Long> lat = new ArrayList<>(latencies);
            Collections.sort(lat);
            out.printf("%d process%s × 1 agent: %d cycles (request_next_task + completed) in %.1f s = %.1f cycles/s;"
                            + " cycle p50 %.1f ms, p99 %.1f ms; peak RSS per process max %d MB (min %d MB); tasks handed out twice: %d%n",
                    n, n == 1 ? "" : "es", cycles.get(), elapsed, cycles.get() / elapsed,
                    BenchSupport.percentile(lat, 50) / 1000.0, BenchSupport.percentile(lat, 99) / 1000.0,
                    rss.isEmpty() ? -1 : rss.get(rss.size() - 1) / 1024, rss.isEmpty() ? -1 : rss.get(0) / 1024,
                    duplicates.get());
            out.flush();
        } finally {
            servers.forEach(Server::close);
        }
    }

    private String seed(Path home) {
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        try {
            StringBuilder outline = new StringBuilder("# Bench\n");
            for (int i = 1; i <= tasks; i++) {
                outline.append("- Task ").append(i).append('\n');
            }
            return graph.projects().create("Bench", outline.toString(), ProjectService.CreateOptions.NONE)
                    .project().id().value();
        } finally {
            graph.shutdown();
        }
    }

    /** One {@code marcus mcp} child process and its MCP client. */
    private static final class Server implements AutoCloseable {
        private final McpSyncClient client;
        private final ProcessHandle process;

        private Server(McpSyncClient client, ProcessHandle process) {
            this.client = client;
            this.process = process;
        }

        static synchronized Server start(Path jar, String javaOpts, Path home) {
            List<String> args = BenchSupport.javaOptions(javaOpts);
            args.addAll(List.of("-jar", jar.toString(), "mcp"));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("MARCUS_HOME", home.toString());
            env.put("MARCUS_LOG_LEVEL", "WARN");
            ServerParameters params = ServerParameters.builder(BenchSupport.javaBinary())
                    .args(args).env(env).build();
            Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
            StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
            transport.setStdErrorHandler(line -> { });
            McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(60))
                    .initializationTimeout(Duration.ofSeconds(60))
                    .clientInfo(new McpSchema.Implementation("marcus-bench", "marcus-bench", "1"))
                    .build();
            client.initialize();
            ProcessHandle child = ProcessHandle.current().children().filter(p -> !before.contains(p.pid()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("server process not found"));
            return new Server(client, child);
        }

        JsonNode call(String tool, Map<String, Object> args) {
            McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
            String text = ((McpSchema.TextContent) r.content().get(0)).text();
            return JSON.readTree(text);
        }

        long peakRssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (Exception e) {
                return -1;
            }
            return -1;
        }

        @Override
        public void close() {
            try {
                client.closeGracefully();
            } catch (RuntimeException ignored) {
                // the server may already be gone
            }
            process.destroy();
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }
}
