package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.ops.Backups;
import dev.marcus.cli.wiring.BackgroundJobs;
import dev.marcus.core.error.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus restore}: checks a backup's checksum, restores it over the store and verifies every table's count. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {
    "Restore a backup made by `marcus backup`: the data file's SHA-256 is checked first; then SQLite's file is",
    "replaced (the old one is moved aside, never deleted) or PostgreSQL's schema is restored with pg_restore;",
    "then every table is counted and must match the manifest. Stop every Marcus process on this store first."})
public final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BACKUP", arity = "0..1", description = "A backup directory (default: the newest in backup.dir).")
    Path backup;

    @Option(names = "--yes", description = "Replace the current data (required: a restore overwrites the store).")
    boolean yes;

    @Option(names = "--verify-only", description = "Only check the backup's checksum and manifest; change nothing.")
    boolean verifyOnly;

    @Override
    public Integer call() {
        MarcusConfig config = root.config(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        Backups.Backup b;
        if (backup != null) {
            b = Backups.read(backup.toAbsolutePath());
        } else {
            List<Backups.Backup> all = Backups.list(config.ops().backupDir());
            if (all.isEmpty()) {
                throw new ValidationException("BACKUP", "no backups in " + config.ops().backupDir() + "; name one");
            }
            b = all.get(0);
        }
        Backups.verifyFile(b);
        if (verifyOnly) {
            out.printf("backup %s is intact: sha256 %s, %,d rows in its manifest%n", b.dir(), b.sha256(), b.totalRows());
            return 0;
        }
        if (!yes) {
            throw new ValidationException("--yes", "a restore replaces the data of " + describe(config)
                    + " with " + b.dir() + "; stop every Marcus process on it and run again with --yes");
        }
        Path aside = new Backups(BackgroundJobs.store(config)).restore(b);
        out.printf("restored %s into %s: %,d rows verified against the manifest%n", b.dir(), describe(config), b.totalRows());
        if (aside != null) {
            out.printf("the previous database was moved to %s%n", aside);
        }
        return 0;
    }

    private static String describe(MarcusConfig config) {
        Backups.Store s = BackgroundJobs.store(config);
        return s.sqliteFile() != null ? s.sqliteFile().toString()
                : dev.marcus.storage.postgres.PostgresUrl.maskAny(s.postgresUrl()) + " (schema " + s.schema() + ")";
    }
}
