package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.VersionProvider;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.service.Limits;
import dev.marcus.mcp.MarcusMcpServer;
import dev.marcus.mcp.ToolProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code marcus mcp}: the MCP server on stdio, one per agent session. Stdout carries the protocol only. */
@Command(name = "mcp", mixinStandardHelpOptions = true, description = {
    "Serve MCP on stdin/stdout (what an agent's MCP client starts).",
    "Every process on the same MARCUS_HOME shares one SQLite file; logs go to stderr."})
public final class McpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(McpCommand.class);

    @ParentCommand
    MarcusCommand root;

    @Option(names = "--tools", paramLabel = "PROFILE", description = "Tool profile: core, standard or all (overrides MARCUS_TOOLS).")
    String tools;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tools", tools);
        MarcusGraph graph = root.open(overrides);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                graph.shutdown();
            }
        };
        Thread hook = new Thread(shutdown, "marcus-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            graph.relay().start(graph.config().eventPoll());
            graph.sweeper().start();
            MarcusMcpServer server = new MarcusMcpServer(graph.tools().all(), ToolProfile.parse(graph.config().tools()),
                    Limits.DEFAULT, VersionProvider.version());
            LOG.info("marcus mcp {} — profile {}, storage {}, {} tools", VersionProvider.version(),
                    graph.config().profile().name().toLowerCase(java.util.Locale.ROOT), graph.storage().describe(),
                    server.tools().size());
            server.serveStdio(System.in, root.protocolOut());
            return 0;
        } finally {
            shutdown.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
    }
}
