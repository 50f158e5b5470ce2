package dev.marcus.cli.commands;

import dev.marcus.cli.config.ConfigException;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.data.ConfigFile;
import dev.marcus.cli.data.SqliteToPostgres;
import dev.marcus.storage.postgres.PostgresUrl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus migrate sqlite-to-postgres}: copy, verify, then point the configuration at PostgreSQL. */
@Command(name = "sqlite-to-postgres", mixinStandardHelpOptions = true, description = {
    "Copy the solo SQLite database into PostgreSQL, verify row counts, checksums and references,",
    "then write the PostgreSQL settings into MARCUS_HOME/config.properties. The SQLite file is only read."})
public final class MigrateSqliteToPostgresCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE", description = "SQLite file (default: the solo database in MARCUS_HOME).")
    Path from;

    @Option(names = "--to", paramLabel = "URL", description = "PostgreSQL URL (default: DATABASE_URL / database.url).")
    String to;

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema (default: database.schema, else public).")
    String schema;

    @Option(names = "--resume", description = "Finish an interrupted migration into a non-empty target.")
    boolean resume;

    @Option(names = "--no-config", negatable = false, description = "Do not change config.properties.")
    boolean noConfig;

    @Override
    public Integer call() {
        MarcusConfig config = parent.root.config(Map.of("profile", "solo"));
        Result r = migrate(config, from, to, schema, resume, !noConfig, spec.commandLine().getErr());
        print(spec.commandLine().getOut(), r);
        return 0;
    }

    /** What a migration did, for the summary. */
    record Result(Path from, PostgresUrl to, String schema, SqliteToPostgres.Summary summary, Path configBackup,
                  boolean configWritten) {
    }

    static Result migrate(MarcusConfig config, Path from, String to, String schema, boolean resume, boolean writeConfig,
                          PrintWriter progress) {
        Path source = from != null ? from : config.database();
        String url = to != null ? to : config.databaseUrl();
        if (url == null) {
            throw new ConfigException("no PostgreSQL to migrate to: pass --to URL or set DATABASE_URL");
        }
        String s = schema != null ? schema : config.databaseSchema();
        PostgresUrl target = PostgresUrl.parse(url);
        if (to != null) {
            warnIfPassword(progress, "--to", target);
        }
        progress.printf("Migrating %s -> %s%s%n", source, target.masked(), "public".equals(s) ? "" : " (schema " + s + ")");
        SqliteToPostgres.Summary summary = new SqliteToPostgres(source, target, s, progress).run(resume);
        Path backup = null;
        if (writeConfig) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("profile", "team");
            values.put("database.url", url);
            values.put("database.schema", "public".equals(s) ? null : s);
            backup = ConfigFile.update(config.home(), values);
        }
        return new Result(source, target, s, summary, backup, writeConfig);
    }

    /** A password in an argument is readable by every user of the machine (the process list): say so. */
    static void warnIfPassword(PrintWriter err, String flag, PostgresUrl url) {
        if (url.password() != null) {
            err.println("marcus: warning: the password in " + flag + " is visible to other users in the process list; "
                    + "prefer DATABASE_URL or a password file (docs/operations/postgresql.md)");
        }
    }

    static void print(PrintWriter out, Result r) {
        out.printf("Migrated %s to %s%n", r.from(), r.to().masked());
        long total = 0;
        for (Map.Entry<String, Long> e : r.summary().rows().entrySet()) {
            out.printf("  %-18s %,10d rows  checksum %s%s%n", e.getKey(), e.getValue(), r.summary().checksums().get(e.getKey()),
                    r.summary().skipped().contains(e.getKey()) ? "  (already copied)" : "");
            total += e.getValue();
        }
        out.printf("Verified: row counts and checksums equal on both sides, %d reference checks clean; %,d rows in %.1f s%n",
                r.summary().integrityChecks(), total, r.summary().millis() / 1000.0);
        if (r.configWritten()) {
            out.printf("Configuration: profile=team and database.url written to the config.properties in MARCUS_HOME%s%n",
                    r.configBackup() == null ? "" : " (previous file kept as " + r.configBackup().getFileName() + ")");
        }
    }
}
