package dev.marcus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.StorageBackendContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract on PostgreSQL (in a schema of this class's own), plus what is particular to PostgreSQL. */
class PostgresStorageBackendTest extends StorageBackendContract {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @Override
    protected StorageBackend newBackend() {
        try {
            PG.truncate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return PG.open();
    }

    @Override
    protected StorageBackend sameStoreAgain() {
        return PG.open();
    }

    @Test
    void describe_namesTheSchemaAndNeverThePassword() {
        PostgresUrl url = PostgresUrl.parse("postgres://marcus:s3cret@db.example:6543/marcus");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/marcus");
        assertThat(url.user()).isEqualTo("marcus");
        assertThat(url.password()).isEqualTo("s3cret");
        assertThat(url.masked()).isEqualTo("postgresql://marcus:***@db.example:6543/marcus").doesNotContain("s3cret");
        assertThat(PostgresUrl.parse("jdbc:postgresql://h/db?user=u&password=pw").masked())
                .isEqualTo("postgresql://h/db?user=u&password=***");
        assertThat(store.describe()).contains("schema " + PG.schema());
    }

    @Test
    void everyTable_carriesAWorkspaceAndTimestamps_andTheReadyAndOnePerAgentIndexesArePartial() throws Exception {
        try (Connection c = PG.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + PG.schema() + "' AND table_name <> 'flyway_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("projects", "tasks", "task_dependencies", "agents", "decisions", "artifacts",
                    "blockers", "events", "settings", "experiments");
            for (String t : tables) {
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                        + PG.schema() + "' AND table_name = '" + t + "'")) {
                    while (rs.next()) {
                        cols.add(rs.getString(1));
                    }
                }
                assertThat(cols).as(t).contains("workspace_id", "created_at", "updated_at");
            }
            try (ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = '" + PG.schema()
                    + "' AND indexname IN ('tasks_ready', 'tasks_one_per_agent') ORDER BY indexname")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("UNIQUE").contains("WHERE (assignee IS NOT NULL)");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("WHERE");
            }
        }
    }

    @Test
    void onlyOneTransactionAtATime_mayRunTheLeaseSweep() throws Exception {
        try (Connection holder = PG.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.marcus.lease_sweeper'))")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            project(task("a"));
            register("ag");
            store.claimFirstReady(aid("ag"), List.of(tid("a")), T0.plusSeconds(1), T0);
            // another process holds the sweep: this one skips its turn instead of waiting or sweeping twice
            assertThat(store.recoverExpiredLeases(Instant.parse("2030-01-01T00:00:00Z"))).isEmpty();
            holder.rollback();
        }
        assertThat(store.recoverExpiredLeases(Instant.parse("2030-01-01T00:00:00Z"))).hasSize(1);
    }

    @Test
    void anUnreachableServer_failsWithAClearMessage() {
        assertThatThrownBy(() -> PostgresStorageBackend.open("postgres://marcus:s3cret@127.0.0.1:1/marcus"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("cannot reach the database server")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void credentialsTheRealServerRefuses_areNamedAsSuch_withoutThePassword() {
        // this server trusts every connection, so a wrong password passes; a user it does not know is refused
        // (SQLSTATE 28000) through the same path as a wrong password would be (28P01)
        String url = "postgres://marcus_no_such_role:s3cret@" + PG.url().jdbcUrl().replaceFirst("^jdbc:postgresql://", "")
                .replaceFirst("\\?.*$", "");
        assertThatThrownBy(() -> PostgresStorageBackend.open(url))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aRefusedPassword_andAMissingDatabase_areNamedAsSuch() {
        // the local test server trusts every connection, so the server's answers are replayed here
        assertThat(PostgresStorageBackend.connectFailure("pg", new java.sql.SQLException(
                "FATAL: password authentication failed for user \"marcus\"", "28P01")).getMessage())
                .contains("refused the credentials (wrong user or password)");
        assertThat(PostgresStorageBackend.connectFailure("pg", new java.sql.SQLException(
                "FATAL: database \"nope\" does not exist", "3D000")).getMessage())
                .contains("the database does not exist");
        assertThat(PostgresStorageBackend.connectFailure("pg", new java.sql.SQLException(
                "The server does not support SSL.", "08004")).getMessage())
                .contains("TLS to the database failed").contains("sslmode");
    }

    @Test
    void aSchemaWrittenByANewerMarcus_isRefusedWithAClearMessage() throws Exception {
        String other = PG.newSchema("newer");
        PostgresStorageBackend.open(PG.url(), other, 2).close();
        PG.execute("INSERT INTO " + other + ".flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) "
                + "VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 1, true)");

        assertThatThrownBy(() -> PostgresStorageBackend.open(PG.url(), other, 2))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("schema " + other)
                .hasMessageContaining("this database's schema is at version 99")
                .hasMessageContaining("schema versions up to " + PostgresStorageBackend.knownSchemaVersion())
                .hasMessageContaining("Run that newer Marcus here as well")
                .hasMessageContaining("restore the backup taken before the upgrade")
                .hasMessageContaining("docs/operations/upgrading.md");
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(installed_rank) FROM " + other + ".flyway_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing was migrated").isEqualTo(99);
        }
    }

    @Test
    void replicasStartingTogether_createAndMigrateAFreshSchemaOnce() throws Exception {
        String fresh = PG.reserveSchema("together");
        int replicas = 6;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(replicas);
        try {
            List<java.util.concurrent.Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    try (PostgresStorageBackend b = PostgresStorageBackend.open(PG.url(), fresh, 2)) {
                        return b.schemaVersion();
                    }
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<String> f : opened) {
                assertThat(f.get()).isEqualTo(PostgresStorageBackend.knownSchemaVersion());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT version), max(version::int) FROM " + fresh
                     + ".flyway_schema_history WHERE version IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(rs.getInt(2));
            assertThat(rs.getString(3)).isEqualTo(PostgresStorageBackend.knownSchemaVersion());
        }
    }

    @Test
    void aMigrationLockHeldTooLong_failsNamingTheHolder_insteadOfHanging() throws Exception {
        String fresh = PG.reserveSchema("locked");
        try (Connection holder = PG.connect(); Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'stuck-migrator'");
            s.execute("SELECT pg_advisory_lock(hashtext('" + PostgresStorageBackend.MIGRATION_LOCK_PREFIX + fresh + "'))");
            assertThatThrownBy(() -> PostgresStorageBackend.open(PG.url(), fresh, 2, java.time.Duration.ofSeconds(1)))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("another process has held the migration lock of schema '" + fresh + "'")
                    .hasMessageContaining("application 'stuck-migrator'");
        }
        // released with the holder's session: the next start migrates
        try (PostgresStorageBackend b = PostgresStorageBackend.open(PG.url(), fresh, 2)) {
            assertThat(b.schemaVersion()).isEqualTo(PostgresStorageBackend.knownSchemaVersion());
        }
    }

    @Test
    void aClosedBackend_failsWithBackendUnavailable() {
        StorageBackend closed = PG.open();
        closed.close();
        assertThatThrownBy(() -> closed.findProject(new ProjectId("x")))
                .isInstanceOf(BackendUnavailableException.class);
    }
}
