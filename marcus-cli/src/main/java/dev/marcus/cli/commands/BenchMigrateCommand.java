package dev.marcus.cli.commands;

import dev.marcus.cli.config.ConfigException;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.data.SqliteToPostgres;
import dev.marcus.core.model.ProjectId;
import dev.marcus.storage.postgres.PostgresUrl;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus bench migrate}: seed a scratch SQLite, migrate it into a scratch PostgreSQL schema, verify, time it. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Seed a scratch SQLite file, migrate it into a scratch schema of the configured PostgreSQL, verify, print the time.")
public final class BenchMigrateCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "10000", description = "Tasks to seed (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--to", paramLabel = "URL", description = "PostgreSQL URL (default: DATABASE_URL / database.url).")
    String to;

    @Override
    public Integer call() throws Exception {
        MarcusConfig config = bench.root.config(Map.of("profile", "solo"));
        String url = to != null ? to : config.databaseUrl();
        if (url == null) {
            throw new ConfigException("bench migrate needs a PostgreSQL: pass --to URL or set DATABASE_URL");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BenchSupport.Scratch scratch = BenchSupport.scratch("marcus-bench-migrate")) {
            Path file = scratch.dir().resolve("marcus.db");
            long t0 = System.nanoTime();
            try (SqliteStorageBackend sqlite = SqliteStorageBackend.open(file)) {
                BenchData.seed(sqlite, new ProjectId("bench"), tasks, true, 8, Instant.now());
            }
            long seeded = System.nanoTime();
            PostgresUrl target = PostgresUrl.parse(url);
            String schema = "bench_migrate_" + Long.toString(System.nanoTime(), 36);
            try {
                SqliteToPostgres.Summary s = new SqliteToPostgres(file, target, schema, spec.commandLine().getErr()).run(false);
                out.printf("Seeded %,d tasks into SQLite in %.1f s%n", tasks, (seeded - t0) / 1e9);
                out.printf("Migrated and verified %s in %.2f s (copy + checksums of both sides + %d reference checks)%n",
                        s.rows(), s.millis() / 1000.0, s.integrityChecks());
            } finally {
                try (Connection c = DriverManager.getConnection(target.jdbcUrl(), props(target));
                     Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
        return 0;
    }

    static java.util.Properties props(PostgresUrl url) {
        java.util.Properties p = new java.util.Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        return p;
    }
}
