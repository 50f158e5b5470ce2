package dev.marcus.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.data.SqliteToPostgres;
import dev.marcus.cli.data.StoreTables;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code marcus migrate sqlite-to-postgres} process (the shaded jar) killed with SIGKILL while it copies, then
 * run again with {@code --resume}: the second run finishes verified, PostgreSQL holds exactly the source's rows, field
 * by field, and the SQLite file is byte for byte what it was.
 */
class MigrateKilledIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private static final int TASKS = 20_000;
    private static final ProjectId P = new ProjectId("killed");

    @TempDir
    Path home;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void migrationKilledMidCopy_isFinishedByResume_withExactlyTheSourceData() throws Exception {
        Path db = home.resolve("marcus.db");
        Instant t0 = Instant.parse("2025-03-01T10:00:00.123Z");
        try (SqliteStorageBackend s = SqliteStorageBackend.open(db)) {
            BenchData.seed(s, P, TASKS, true, 4, t0);
            // some tasks in every state the copy must carry: done with spend, in progress with a lease
            AgentId a0 = new AgentId(P + "-agent-0");
            for (int i = 0; i < 20; i++) {
                Task t = s.claimFirstReady(a0, s.readyTasks(P, 1).stream().map(Task::id).toList(), t0.plusSeconds(600), t0)
                        .orElseThrow();
                s.completeTask(new ProgressReport(t.id(), a0, t.leaseEpoch(), 100, "done " + i, 100 + i, 0.5), t0);
            }
            s.claimFirstReady(new AgentId(P + "-agent-1"), s.readyTasks(P, 1).stream().map(Task::id).toList(),
                    t0.plusSeconds(600), t0).orElseThrow();
        }
        String hashBefore = sha256(db);
        String schema = PG.newSchema("killed");
        long sourceRows = 0;
        try (Connection src = SqliteToPostgres.openReadOnly(db)) {
            for (StoreTables.Table t : StoreTables.ALL) {
                sourceRows += StoreTables.count(src, t.name());
            }
        }

        Process first = migrate(schema, false);
        long seen = 0;
        try (Connection pg = pg(schema)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // kill once some tables are committed and others are not: tasks are in, events (copied last but one) not
            while (first.isAlive() && System.nanoTime() < deadline) {
                long tasks = countOrZero(pg, "tasks");
                if (tasks > 0 && countOrZero(pg, "events") == 0) {
                    first.destroyForcibly();
                    break;
                }
                Thread.sleep(2);
            }
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue())
                    .as("the first run must be killed, not finish; its output:%n%s", output(false))
                    .isNotZero();
            for (StoreTables.Table t : StoreTables.ALL) {
                seen += countOrZero(pg, t.name());
            }
        }
        assertThat(seen).as("rows in the target after the kill").isPositive().isLessThan(sourceRows);

        Process second = migrate(schema, true);
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = output(true);
        assertThat(second.exitValue()).as(out).isZero();
        assertThat(out).contains("Verified: row counts and checksums equal on both sides").contains("(already copied)");

        try (Connection src = SqliteToPostgres.openReadOnly(db); Connection pg = pg(schema)) {
            for (StoreTables.Table t : StoreTables.ALL) {
                List<StoreTables.Column> columns = StoreTables.columns(pg, t.name());
                List<List<Object>> want = rows(src, t, columns, false);
                List<List<Object>> got = rows(pg, t, columns, true);
                assertThat(got).as("table %s", t.name()).hasSameSizeAs(want);
                for (int i = 0; i < want.size(); i++) {
                    assertThat(got.get(i)).as("table %s, row %d", t.name(), i).isEqualTo(want.get(i));
                }
            }
        }
        assertThat(sha256(db)).as("the SQLite file is never written").isEqualTo(hashBefore);
    }

    /** Starts the migration as its own process from the shaded jar, with no PostgreSQL in its environment. */
    private Process migrate(String schema, boolean resume) throws IOException {
        Path jar = Path.of(System.getProperty("marcus.jar", "target/marcus.jar")).toAbsolutePath();
        assertThat(jar).as("the shaded jar (mvn package)").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                jar.toString(), "--home", home.toString(), "migrate", "sqlite-to-postgres", "--from",
                home.resolve("marcus.db").toString(), "--to", PG.urlString(), "--schema", schema, "--no-config"));
        if (resume) {
            cmd.add("--resume");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(resume ? "second.log" : "first.log").toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().keySet().removeIf(k -> k.startsWith("MARCUS_"));
        return pb.start();
    }

    private String output(boolean resume) throws IOException {
        Path log = home.resolve(resume ? "second.log" : "first.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static Connection pg(String schema) throws SQLException {
        Properties p = new Properties();
        if (PG.url().user() != null) {
            p.setProperty("user", PG.url().user());
        }
        if (PG.url().password() != null) {
            p.setProperty("password", PG.url().password());
        }
        p.setProperty("currentSchema", schema);
        return DriverManager.getConnection(PG.url().jdbcUrl(), p);
    }

    /** Committed rows of a table, 0 while the table does not exist yet. */
    private static long countOrZero(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** Every row of a table in key order, each value as the migrator's checksums read it. */
    private static List<List<Object>> rows(Connection c, StoreTables.Table t, List<StoreTables.Column> columns,
                                           boolean postgres) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(StoreTables.selectAll(t, columns, postgres))) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    row.add(StoreTables.value(rs, i + 1, columns.get(i).kind()));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
