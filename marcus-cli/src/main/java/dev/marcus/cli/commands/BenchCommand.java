package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import picocli.CommandLine.Command;

/** {@code marcus bench}: load drivers that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Load drivers that measure Marcus on this machine and print figures.",
        subcommands = {BenchMcpCommand.class, BenchHttpCommand.class, BenchSeedCommand.class, BenchAssignCommand.class, BenchMigrateCommand.class,
            BenchStatusCommand.class, BenchGraphCommand.class, BenchMetricsCommand.class})
public final class BenchCommand {
    @picocli.CommandLine.ParentCommand
    public MarcusCommand root;
}
