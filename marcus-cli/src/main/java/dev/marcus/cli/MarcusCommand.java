package dev.marcus.cli;

import dev.marcus.cli.commands.BenchCommand;
import dev.marcus.cli.commands.BoardCommand;
import dev.marcus.cli.commands.ExportCommand;
import dev.marcus.cli.commands.ImportCommand;
import dev.marcus.cli.commands.InitCommand;
import dev.marcus.cli.commands.MigrateCommand;
import dev.marcus.cli.commands.UpgradeCommand;
import dev.marcus.cli.commands.McpCommand;
import dev.marcus.cli.commands.ServeCommand;
import dev.marcus.cli.commands.StatusCommand;
import dev.marcus.cli.commands.TokenCommand;
import dev.marcus.cli.commands.UserCommand;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.cli.wiring.Profiles;
import java.io.PrintStream;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code marcus} command: global options and the sub-commands. */
@Command(name = "marcus",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Coordination server for teams of AI coding agents.",
            "",
            "Agents connect over MCP (`marcus mcp` on stdio), register into a project and pull tasks;",
            "Marcus hands each ready task to exactly one agent and takes work back from agents that go silent."},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  MARCUS_HOME        data directory (default ~/.marcus); holds marcus.db and config.properties",
            "  DATABASE_URL       PostgreSQL (postgres://user:pass@host:5432/db or jdbc:postgresql://…): selects the team profile",
            "  MARCUS_TOOLS       MCP tool profile: core | standard (default) | all",
            "  MARCUS_MCP_TOKEN   optional shared bearer token for /mcp of `marcus serve` without accounts; with accounts",
            "                     (team profile, or --host beyond 127.0.0.1) agents send API tokens (`marcus token create`)",
            "  MARCUS_LEASE_INITIAL_SECONDS, MARCUS_LEASE_BASE_SECONDS, MARCUS_LEASE_MAX_SECONDS   lease lengths",
            "  MARCUS_LOG_LEVEL   log level of Marcus itself (logs go to stderr)",
            "  REDIS_URL          optional Redis: shared cache and events across processes in milliseconds",
            "",
            "Exit codes: 0 ok, 1 failure, 2 bad input, 3 not found, 4 conflict, 5 backend unavailable, 6 bad configuration",
            "(each with its causes and fixes in docs/operations/troubleshooting.md)."})
public final class MarcusCommand {

    @Option(names = "--home", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory (overrides MARCUS_HOME; default ~/.marcus).")
    Path home;

    private final PrintStream protocolOut;

    MarcusCommand(PrintStream protocolOut) {
        this.protocolOut = protocolOut;
    }

    /** The stream that was stdout when the process started: the MCP transport's output. */
    public PrintStream protocolOut() {
        return protocolOut;
    }

    public MarcusConfig config(Map<String, String> overrides) {
        return new ConfigLoader(System.getenv()).load(home, overrides);
    }

    /** Builds the configured profile's graph; the caller shuts it down. */
    /** Opens the configured graph, runs {@code work} with it, and shuts it down whatever happens. */
    public <T> T withGraph(java.util.function.Function<MarcusGraph, T> work) {
        MarcusGraph graph = open(Map.of());
        try {
            return work.apply(graph);
        } finally {
            graph.shutdown();
        }
    }

    public MarcusGraph open(Map<String, String> overrides) {
        return Profiles.create(config(overrides));
    }

    /** Every sub-command, in the order {@code marcus --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(McpCommand.class, ServeCommand.class, StatusCommand.class,
            BoardCommand.class, BenchCommand.class, InitCommand.class, MigrateCommand.class, UpgradeCommand.class, ExportCommand.class,
            ImportCommand.class, UserCommand.class, TokenCommand.class, dev.marcus.cli.commands.BackupCommand.class,
            dev.marcus.cli.commands.RestoreCommand.class, dev.marcus.cli.commands.JiraImportCommand.class,
            dev.marcus.cli.commands.DockerizeCommand.class, CommandLine.HelpCommand.class);

    public static CommandLine commandLine(PrintStream protocolOut) {
        return commandLine(protocolOut, false);
    }

    /**
     * The command line; with {@code mcpOnly} only {@code marcus mcp} is registered. picocli builds its model by
     * reflection over every registered command (its classes cannot be class-data shared), which cost a stdio server
     * about 0.4 s of start-up for commands it never runs.
     */
    public static CommandLine commandLine(PrintStream protocolOut, boolean mcpOnly) {
        CommandLine cl = new CommandLine(new MarcusCommand(protocolOut));
        for (Class<?> sub : mcpOnly ? List.<Class<?>>of(McpCommand.class) : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler(ExitCodes.handler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
