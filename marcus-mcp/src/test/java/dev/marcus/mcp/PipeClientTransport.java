package dev.marcus.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** A client transport over a pair of streams, speaking MCP's stdio framing (one JSON message per line). */
final class PipeClientTransport implements McpClientTransport {
    private final McpJsonMapper json;
    private final InputStream fromServer;
    private final OutputStream toServer;
    private volatile boolean closing;

    PipeClientTransport(McpJsonMapper json, InputStream fromServer, OutputStream toServer) {
        this.json = json;
        this.fromServer = fromServer;
        this.toServer = toServer;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                    String line;
                    while (!closing && (line = in.readLine()) != null) {
                        McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(json, line);
                        handler.apply(Mono.just(message)).subscribe();
                    }
                } catch (IOException e) {
                    if (!closing) {
                        throw new IllegalStateException("reading from the server failed", e);
                    }
                }
            }, "test-mcp-client-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (toServer) {
                    toServer.write(line);
                    toServer.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("writing to the server failed", e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            try {
                toServer.close();
            } catch (IOException ignored) {
                // already closed
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }
}
