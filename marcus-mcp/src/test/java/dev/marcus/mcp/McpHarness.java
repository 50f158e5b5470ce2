package dev.marcus.mcp;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Map;

/**
 * A real SDK client talking MCP over in-process pipes to a {@link MarcusMcpServer} backed by the core on an
 * in-memory store.
 */
final class McpHarness implements AutoCloseable {
    final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    final MarcusCore core;
    final MarcusMcpServer server;
    final McpSyncClient client;
    private final MarcusMcpServer.StdioSession session;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();

    McpHarness(ToolProfile profile) {
        this(profile, dev.marcus.core.port.Clock.system());
    }

    McpHarness(ToolProfile profile, dev.marcus.core.port.Clock clock) {
        core = MarcusCore.builder(storage).clock(clock).build();
        try {
            server = new MarcusMcpServer(ToolCatalog.of(core).all(), profile, core.limits(), "test");
            Pipe clientToServer = Pipe.open();
            Pipe serverToClient = Pipe.open();
            session = server.startStdio(Channels.newInputStream(clientToServer.source()),
                    Channels.newOutputStream(serverToClient.sink()));
            client = McpClient.sync(new PipeClientTransport(json, Channels.newInputStream(serverToClient.source()),
                            Channels.newOutputStream(clientToServer.sink())))
                    .requestTimeout(Duration.ofSeconds(30))
                    .initializationTimeout(Duration.ofSeconds(30))
                    .build();
            client.initialize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tool's answer: whether it was an error result, and its JSON body. */
    record Reply(boolean isError, Map<String, Object> body) {
        Object get(String key) {
            return body.get(key);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            return (Map<String, Object>) body.get(key);
        }

        String error() {
            return (String) body.get("error");
        }
    }

    Reply call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        if (result.content().size() != 1 || !(result.content().get(0) instanceof McpSchema.TextContent text)) {
            throw new AssertionError("expected one text content, got " + result.content());
        }
        try {
            Map<String, Object> body = json.readValue(text.text(), new TypeRef<Map<String, Object>>() {
            });
            return new Reply(Boolean.TRUE.equals(result.isError()), body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text.text(), e);
        }
    }

    McpSchema.CallToolResult raw(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @Override
    public void close() {
        client.closeGracefully();
        session.close();
        core.close();
        storage.close();
    }
}
