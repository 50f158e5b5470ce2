package dev.marcus.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.StorageBackendContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a SQLite file, plus what is particular to SQLite. */
class SqliteStorageBackendTest extends StorageBackendContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path dir;
    private Path file;

    @Override
    protected StorageBackend newBackend() {
        file = dir.resolve("data-" + FILES.incrementAndGet()).resolve("marcus.db");
        return SqliteStorageBackend.open(file);
    }

    @Override
    protected StorageBackend sameStoreAgain() {
        return SqliteStorageBackend.open(file);
    }

    @Test
    void open_createsMissingParentDirectories_andDescribesItselfByAbsolutePath() {
        assertThat(file).exists();
        assertThat(store.describe()).isEqualTo("sqlite:" + file.toAbsolutePath().normalize());
    }

    @Test
    void connections_useWalJournalForeignKeysAndABusyTimeout() throws Exception {
        try (Connection c = SqliteStorageBackend.config().createConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(pragma(s, "busy_timeout"))).isGreaterThanOrEqualTo(10_000);
            assertThat(pragma(s, "synchronous")).isEqualTo("1");
        }
    }

    private static String pragma(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void readyQuery_isServedByThePartialReadyIndex() throws Exception {
        // the shape SqlStorageBackend renders for readyTasks: bound project, inlined readiness constants
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var ps = c.prepareStatement("EXPLAIN QUERY PLAN SELECT \"tasks\".\"id\" FROM \"tasks\" "
                     + "WHERE \"tasks\".\"project_id\" = ? AND (\"tasks\".\"status\" = 'todo' "
                     + "AND \"tasks\".\"assignee\" IS NULL AND \"tasks\".\"pending_deps\" = 0 "
                     + "AND \"tasks\".\"subtask_count\" = 0) ORDER BY \"tasks\".\"seq\" LIMIT ?")) {
            ps.setString(1, "proj-1");
            ps.setInt(2, 10);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString("detail")).append('\n');
                }
            }
            assertThat(plan.toString()).contains("tasks_ready");
        }
    }

    @Test
    void everyTable_carriesAWorkspaceAndTimestamps() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
            int count = 0;
            while (tables.next()) {
                count++;
                String table = tables.getString(1);
                try (Statement cols = c.createStatement();
                     ResultSet rs = cols.executeQuery("PRAGMA table_info(" + table + ")")) {
                    var names = new java.util.ArrayList<String>();
                    while (rs.next()) {
                        names.add(rs.getString("name"));
                    }
                    assertThat(names).as(table).contains("workspace_id", "created_at", "updated_at");
                }
            }
            assertThat(count).isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void dataSurvivesClosingAndReopening() {
        project(task("a"));
        store.close();

        try (StorageBackend reopened = SqliteStorageBackend.open(file)) {
            assertThat(reopened.listTasks(P)).hasSize(1);
            assertThat(reopened.findProject(P)).isPresent();
        }
        store = SqliteStorageBackend.open(file);
    }

    @Test
    void aClosedBackend_failsWithBackendUnavailableNamingTheFile() {
        StorageBackend closed = SqliteStorageBackend.open(file);
        closed.close();

        assertThatThrownBy(() -> closed.findProject(new ProjectId("x")))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void openingAFileThatIsNotADatabase_failsWithBackendUnavailableNamingTheFile() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not a database, just some text that is long enough to have a header".repeat(20));

        assertThatThrownBy(() -> SqliteStorageBackend.open(junk))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(junk.toString());
    }

    @Test
    void openingADatabaseWrittenByANewerSchema_failsWithAClearMessageNamingTheFile() throws Exception {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 1, 1)");
        }

        assertThatThrownBy(() -> SqliteStorageBackend.open(file))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(file.toAbsolutePath().normalize().toString())
                .hasMessageContaining("this database's schema is at version 99")
                .hasMessageContaining("schema versions up to " + SqliteStorageBackend.knownSchemaVersion())
                .hasMessageContaining("docs/operations/upgrading.md");
        store = newBackend();
        assertThat(store.schemaVersion()).isEqualTo(SqliteStorageBackend.knownSchemaVersion());
        assertThat(SqliteStorageBackend.knownSchemaVersion()).isNotEqualTo("0");
    }
}
