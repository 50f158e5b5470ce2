package dev.marcus.mcp;

import dev.marcus.core.service.Limits;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Marcus MCP server: the tools of one {@link ToolProfile}, served over the official MCP Java SDK.
 *
 * <p>Every call goes through {@link #invoke}: the arguments are checked against the tool's {@link ToolSchema}
 * (required, types, string sizes), the tool runs, and any failure becomes a tool result with {@code isError: true}
 * and a JSON body {@code {success:false, error, ...}} — never a JSON-RPC error, so the session keeps answering.
 *
 * <pre>{@code
 * MarcusMcpServer server = new MarcusMcpServer(new ToolCatalog(...).all(), ToolProfile.parse(env), limits, version);
 * server.serveStdio(System.in, realStdout);   // blocks until the client closes stdin
 * }</pre>
 */
public final class MarcusMcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(MarcusMcpServer.class);

    /** The server name announced in {@code initialize}. */
    public static final String NAME = "marcus";

    /** What the client's model reads once, in {@code initialize}. */
    public static final String INSTRUCTIONS = String.join("\n",
            "Marcus coordinates a team of agents on one project's task graph.",
            "1. register_agent once (agent_id, name, role, skills, project_id).",
            "2. Loop: request_next_task; if it says retry_after_seconds, wait and ask again; if project_complete, stop.",
            "3. While working: read the task's context, report_task_progress (25/50/75) to keep your lease, log_decision and log_artifact as you go.",
            "4. Finish with report_task_progress status=completed (or report_blocker if stuck), then request the next task.");

    private final List<MarcusTool> tools;
    private final ToolProfile profile;
    private final Limits limits;
    private final String version;
    private final McpJsonMapper json;
    private volatile ToolGuard guard = ToolGuard.NONE;

    /**
     * @param allTools every tool available (usually {@link ToolCatalog#all()}); those outside {@code profile} are not served
     * @param limits bounds for argument strings without a limit of their own
     * @param version the server version announced to clients
     */
    public MarcusMcpServer(Collection<? extends MarcusTool> allTools, ToolProfile profile, Limits limits, String version) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.version = Objects.requireNonNull(version, "version");
        this.json = McpJsonDefaults.getMapper();
        List<MarcusTool> selected = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MarcusTool t : allTools) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
            }
            if (profile.includes(t.profile())) {
                selected.add(t);
            }
        }
        this.tools = List.copyOf(selected);
    }

    /**
     * Guards calls that arrive with a {@link dev.marcus.core.account.Principal} in their transport context (MCP over
     * HTTP with accounts). Set before {@link #build} is called.
     */
    public MarcusMcpServer guard(ToolGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        return this;
    }

    /** The key under which a transport context carries the caller's {@link dev.marcus.core.account.Principal}. */
    public static final String PRINCIPAL = "marcus.principal";

    /** The tools this server lists, in catalog order. */
    public List<MarcusTool> tools() {
        return tools;
    }

    public ToolProfile profile() {
        return profile;
    }

    /** The MCP definition of a tool: name, description and the input schema from its {@link ToolSchema}. */
    public McpSchema.Tool definition(MarcusTool tool) {
        return McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(tool.schema().toJsonSchema(limits.textChars()))
                .build();
    }

    /** SDK tool specifications for every served tool, for any SDK transport (stdio here, HTTP elsewhere). */
    public List<McpServerFeatures.SyncToolSpecification> specifications() {
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (MarcusTool tool : tools) {
            specs.add(McpServerFeatures.SyncToolSpecification.builder()
                    .tool(definition(tool))
                    .callHandler((exchange, request) -> invoke(tool, request.arguments(), principal(exchange)))
                    .build());
        }
        return specs;
    }

    private static dev.marcus.core.account.Principal principal(McpSyncServerExchange exchange) {
        Object p = exchange == null || exchange.transportContext() == null ? null
                : exchange.transportContext().get(PRINCIPAL);
        return p instanceof dev.marcus.core.account.Principal principal ? principal : null;
    }

    /** Runs one call and returns its result; never throws for a tool failure. */
    public McpSchema.CallToolResult invoke(MarcusTool tool, Map<String, Object> arguments) {
        return invoke(tool, arguments, null);
    }

    /**
     * Runs one call for {@code caller} (checked by the {@link ToolGuard}; {@code null} for unguarded transports) and
     * returns its result; never throws for a tool failure.
     */
    public McpSchema.CallToolResult invoke(MarcusTool tool, Map<String, Object> arguments,
                                           dev.marcus.core.account.Principal caller) {
        Map<String, Object> body;
        boolean error;
        try {
            Map<String, Object> args = arguments == null ? Map.of() : arguments;
            if (caller != null) {
                args = guard.admit(tool, args, caller);
            }
            tool.schema().check(args, limits.textChars(), "");
            body = tool.call(new Arguments(args));
            error = false;
            if (caller != null && ToolAccess.of(tool.name()).role() != dev.marcus.core.model.Role.VIEWER) {
                try {
                    guard.changed(tool, args, caller, body);
                } catch (RuntimeException e) {
                    // the change is made and acknowledged; a lost audit line must not turn it into an error
                    LOG.error("could not write the audit line of {} by {}", tool.name(), caller.name(), e);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            body = ToolErrors.body(tool.name(), e);
            error = true;
        }
        return result(body, error);
    }

    private McpSchema.CallToolResult result(Map<String, Object> body, boolean error) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not serialise a tool result", e);
            Map<String, Object> fallback = new LinkedHashMap<>();
            fallback.put("success", false);
            fallback.put("error", "internal error: the result could not be serialised; the server log has the details");
            fallback.put("error_code", "internal_error");
            body = fallback;
            error = true;
            text = "{\"success\":false,\"error\":\"internal error: the result could not be serialised\",\"error_code\":\"internal_error\"}";
        }
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(body)
                .isError(error)
                .build();
    }

    /** Builds an SDK sync server with these tools on the given transport provider. */
    public McpSyncServer build(io.modelcontextprotocol.spec.McpServerTransportProvider transport) {
        return McpServer.sync(transport)
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(json)
                // arguments are checked by ToolSchema in invoke(), so that failures follow our JSON error convention
                .validateToolInputs(false)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specifications())
                .build();
    }

    /**
     * Builds an SDK sync server with these tools on a Streamable HTTP transport (for example the SDK's servlet
     * transport), so HTTP clients see exactly the tools and checks of stdio.
     */
    public McpSyncServer build(io.modelcontextprotocol.spec.McpStreamableServerTransportProvider transport) {
        return McpServer.sync(transport)
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(json)
                .validateToolInputs(false)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specifications())
                .build();
    }

    /**
     * Starts serving over stdio and returns at once. {@code out} must be the process's real standard output, and
     * nothing else may write to it: point {@code System.out} at stderr before anything can print.
     */
    public StdioSession startStdio(InputStream in, OutputStream out) {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return watch(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return watch(super.read(b, off, len));
            }

            private int watch(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json, watched, out);
        McpSyncServer server = build(transport);
        LOG.info("marcus MCP server on stdio: {} tools (profile {})", tools.size(), profile.wire());
        return new StdioSession(server, ended);
    }

    /** Serves over stdio until the client closes the input, then shuts down. */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        try (StdioSession session = startStdio(in, out)) {
            session.awaitInputClosed();
        }
    }

    /** A running stdio server. */
    public static final class StdioSession implements AutoCloseable {
        private final McpSyncServer server;
        private final CountDownLatch ended;

        private StdioSession(McpSyncServer server, CountDownLatch ended) {
            this.server = server;
            this.ended = ended;
        }

        /** Blocks until the client closes the input stream. */
        public void awaitInputClosed() throws InterruptedException {
            ended.await();
        }

        /** Blocks until the input is closed or the timeout passes; true when it was closed. */
        public boolean awaitInputClosed(long timeout, TimeUnit unit) throws InterruptedException {
            return ended.await(timeout, unit);
        }

        /** Stops the server. Idempotent. */
        @Override
        public void close() {
            try {
                server.closeGracefully();
            } catch (RuntimeException e) {
                LOG.debug("closing the MCP server: {}", e.getMessage());
            }
        }
    }
}
