package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.VersionProvider;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.ops.Backups;
import dev.marcus.cli.wiring.BackgroundJobs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus backup}: a consistent copy of the store with a checksum manifest, keeping the newest few. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = {
    "Back up the store: SQLite with VACUUM INTO (safe while Marcus runs), PostgreSQL with pg_dump (custom format),",
    "each with manifest.json (SHA-256, size, row count of every table). Keeps the newest --keep backups in --dir.",
    "`marcus serve` also runs this every backup.interval_hours when background jobs are on."})
public final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where backups go (default: backup.dir, $MARCUS_HOME/backups).")
    Path dir;

    @Option(names = "--keep", paramLabel = "N", description = "How many backups to keep there (default: backup.keep, 7).")
    Integer keep;

    @Option(names = "--list", description = "List the backups in the directory instead of making one.")
    boolean list;

    @Override
    public Integer call() {
        MarcusConfig config = root.config(Map.of());
        Path where = dir != null ? dir.toAbsolutePath() : config.ops().backupDir();
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Backups.Backup b : Backups.list(where)) {
                out.printf("%s  %s  %,d bytes  %,d rows  sha256 %s%n", b.dir().getFileName(), b.kind(), b.bytes(),
                        b.totalRows(), b.sha256().substring(0, 16));
            }
            return 0;
        }
        if (keep != null && keep < 1) {
            throw new dev.marcus.core.error.ValidationException("--keep", "must be at least 1");
        }
        Backups.Backup b = new Backups(BackgroundJobs.store(config)).create(where, keep != null ? keep : config.ops().backupKeep(),
                VersionProvider.version());
        out.printf("backup %s: %s, %,d bytes, %,d rows, sha256 %s%n", b.dir(), b.kind(), b.bytes(), b.totalRows(), b.sha256());
        return 0;
    }
}
