package dev.marcus.it;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@code marcus mcp} process (the shaded jar) on a given {@code MARCUS_HOME}, driven by the MCP SDK's own
 * client over stdio — exactly as an agent's MCP client runs it.
 */
final class MarcusServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final McpSyncClient client;
    private final ProcessHandle process;
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());

    private MarcusServer(McpSyncClient client, ProcessHandle process) {
        this.client = client;
        this.process = process;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("marcus.jar", "../marcus-cli/target/marcus.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("marcus.jar not found at " + jar.toAbsolutePath()
                    + "; build it with ./mvnw -pl marcus-cli -am package");
        }
        return jar.toAbsolutePath();
    }

    /**
     * Starts a server on {@code home} with extra environment variables and waits for {@code initialize}.
     * Synchronised: the child is found as "the new child of this JVM", which is only unambiguous when one start
     * runs at a time — two concurrent starts could swap children, and closing one server would kill the other's.
     */
    static synchronized MarcusServer start(Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("MARCUS_HOME", home.toString());
        all.putIfAbsent("MARCUS_TOOLS", "all");
        all.putIfAbsent("MARCUS_LOG_LEVEL", "WARN");
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        all.put("HOME", System.getProperty("user.home"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(javaBin)
                .args("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar().toString(), "mcp")
                .env(all)
                .build();
        Set<Long> before = children();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        List<String> err = java.util.Collections.synchronizedList(new ArrayList<>());
        transport.setStdErrorHandler(err::add);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(90))
                .initializationTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("marcus-it", "marcus-it", "1.0"))
                .build();
        client.initialize();
        ProcessHandle child = ProcessHandle.current().children()
                .filter(p -> !before.contains(p.pid()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("marcus mcp process not found"));
        MarcusServer server = new MarcusServer(client, child);
        server.stderr.addAll(err);
        return server;
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    ProcessHandle process() {
        return process;
    }

    McpSyncClient client() {
        return client;
    }

    /**
     * Calls a tool and returns its JSON answer, with {@code _is_error} added from the result flag. Calls on one
     * server are serialised: the SDK's stdio client transport rejects concurrent sends ("signaled serially"), and
     * an agent's client talks to its own server one request at a time anyway.
     */
    synchronized Map<String, Object> call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        String text = result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .findFirst()
                .orElseThrow(() -> new AssertionError(tool + " returned no text content: " + result));
        Map<String, Object> map;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(text, LinkedHashMap.class);
            map = parsed;
        } catch (RuntimeException e) {
            throw new AssertionError(tool + " returned text that is not a JSON object: " + text, e);
        }
        map.put("_is_error", Boolean.TRUE.equals(result.isError()));
        return map;
    }

    /** Builds an argument map from alternating keys and values. */
    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /** Kills the process as a crash would: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        process.onExit().join();
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // the transport is gone with the process
        }
    }

    Optional<Long> peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            client.closeGracefully();
        } catch (RuntimeException ignored) {
            // closing a client whose server already exited
        }
        process.destroy();
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
