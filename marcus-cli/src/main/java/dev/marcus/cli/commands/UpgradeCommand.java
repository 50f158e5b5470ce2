package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.error.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code marcus upgrade --team}: the migration, the configuration switch, and what changed and how to undo it.
 * Idempotent: a second run finds every table copied, verifies, and leaves the configuration as it is.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true, description = {
    "Move this Marcus to a bigger profile. --team: copy the solo SQLite data into PostgreSQL, verify it,",
    "switch the configuration, and print what changed and how to undo it. Safe to run again."})
public final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--team", required = true, description = "Upgrade to the team profile (PostgreSQL).")
    boolean team;

    @Option(names = "--to", paramLabel = "URL", description = "PostgreSQL URL (default: DATABASE_URL / database.url).")
    String to;

    @Option(names = "--from", paramLabel = "FILE", description = "SQLite file (default: the solo database in MARCUS_HOME).")
    Path from;

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema (default: public).")
    String schema;

    @Override
    public Integer call() {
        if (!team) {
            throw new ValidationException("--team", "is the only upgrade this build offers");
        }
        PrintWriter out = spec.commandLine().getOut();
        MarcusConfig config = root.config(Map.of("profile", "solo"));
        MigrateSqliteToPostgresCommand.Result r = MigrateSqliteToPostgresCommand.migrate(config, from, to, schema, true,
                true, spec.commandLine().getErr());
        MigrateSqliteToPostgresCommand.print(out, r);
        Path file = config.home().resolve(ConfigLoader.FILE_NAME);
        out.println();
        out.println("What changed:");
        out.printf("  - PostgreSQL %s now holds a verified copy of %s%n", r.to().masked(), r.from());
        out.printf("  - %s: profile=team, database.url=%s%s%n", file, r.to().masked(),
                "public".equals(r.schema()) ? "" : ", database.schema=" + r.schema());
        out.printf("  - %s was not modified (it was opened read-only)%n", r.from());
        out.println("Every marcus command (mcp, status, board, …) now uses PostgreSQL; `marcus status` shows it.");
        out.println("How to undo:");
        if (r.configBackup() != null) {
            out.printf("  cp %s %s%n", r.configBackup(), file);
        } else {
            out.printf("  rm %s        (there was no configuration file before)%n", file);
        }
        out.println("  Work done on PostgreSQL after the upgrade is not in the SQLite file; `marcus export` first to keep it.");
        return 0;
    }
}
