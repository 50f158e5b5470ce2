package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import picocli.CommandLine.Command;

/** {@code marcus bench}: load drivers that print figures. */
@Command(name = "bench", description = "Load drivers that measure Marcus on this machine and print figures.",
        subcommands = {BenchMcpCommand.class, BenchStatusCommand.class})
public final class BenchCommand {
    @picocli.CommandLine.ParentCommand
    MarcusCommand root;
}
