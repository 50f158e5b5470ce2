package dev.marcus.cli.commands;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.metrics.MarcusMetrics;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresUrl;
import dev.marcus.storage.sql.SqlStorageBackend;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The cost of one Prometheus scrape of {@code /metrics} on a large board: seeds a project (scratch SQLite file, or a
 * fresh schema of the PostgreSQL at {@code --pg-url}), then times scrapes that each read the store again (the board's
 * figures come from aggregate queries, never from loading tasks).
 */
@Command(name = "metrics", description = {
    "Time one /metrics scrape (store re-read every time) on a project of --tasks tasks: SQLite scratch file,",
    "or PostgreSQL with --pg-url (in a new schema, dropped afterwards)."})
public final class BenchMetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "100000", description = "Tasks in the project (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--scrapes", defaultValue = "50", description = "Timed scrapes (default ${DEFAULT-VALUE}).")
    int scrapes;

    @Option(names = "--pg-url", paramLabel = "URL", description = "PostgreSQL to use instead of a scratch SQLite file.")
    String pgUrl;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1 || tasks > 1_000_000) {
            throw new ValidationException("--tasks", "must be between 1 and 1000000");
        }
        if (scrapes < 1 || scrapes > 10_000) {
            throw new ValidationException("--scrapes", "must be between 1 and 10000");
        }
        PrintWriter out = spec.commandLine().getOut();
        String schema = "bench_metrics_" + Long.toString(System.nanoTime(), 36);
        Path home = Files.createTempDirectory("marcus-bench-metrics");
        SqlStorageBackend storage = pgUrl == null ? SqliteStorageBackend.open(home.resolve("marcus.db"))
                : PostgresStorageBackend.open(PostgresUrl.parse(pgUrl), schema, 4);
        try {
            long t0 = System.nanoTime();
            // no dependencies: they cost the seeding minutes and change nothing in a scrape (a GROUP BY over the task index)
            BenchData.seed(storage, new ProjectId("proj-bench"), tasks, false, 16, Instant.now());
            out.printf("marcus bench metrics — %d cores, Java %s; seeded %,d tasks in %.1f s (%s)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tasks,
                    (System.nanoTime() - t0) / 1e9, storage.describe());
            out.flush();
            OperationsStore ops = storage.operations();
            try (MarcusMetrics metrics = new MarcusMetrics().bindReadings(ops, Clock.system(), Duration.ofMinutes(5))) {
                for (int i = 0; i < 5; i++) { // warm up the JIT and the database's caches
                    metrics.forgetReadings();
                    metrics.scrape();
                }
                long[] nanos = new long[scrapes];
                int bytes = 0;
                for (int i = 0; i < scrapes; i++) {
                    metrics.forgetReadings();
                    long s = System.nanoTime();
                    bytes = metrics.scrape().length();
                    nanos[i] = System.nanoTime() - s;
                }
                Arrays.sort(nanos);
                out.printf("one /metrics scrape at %,d tasks: median %.1f ms, p95 %.1f ms, max %.1f ms (%d scrapes, %,d bytes)%n",
                        tasks, nanos[scrapes / 2] / 1e6, nanos[(int) (scrapes * 0.95)] / 1e6, nanos[scrapes - 1] / 1e6,
                        scrapes, bytes);
            }
            return 0;
        } finally {
            storage.close();
            if (pgUrl != null) {
                PostgresUrl url = PostgresUrl.parse(pgUrl);
                java.util.Properties p = new java.util.Properties();
                if (url.user() != null) {
                    p.setProperty("user", url.user());
                }
                if (url.password() != null) {
                    p.setProperty("password", url.password());
                }
                try (var c = new org.postgresql.Driver().connect(url.jdbcUrl(), p); var st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}
