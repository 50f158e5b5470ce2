package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code marcus migrate}: move the data to another store. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Move Marcus's data to another store.",
        subcommands = {MigrateSqliteToPostgresCommand.class})
public final class MigrateCommand {
    @ParentCommand
    MarcusCommand root;
}
