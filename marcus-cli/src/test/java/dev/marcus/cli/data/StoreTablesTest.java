package dev.marcus.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration, verification and export copy exactly the tables the schema has: a new migration cannot be forgotten. */
class StoreTablesTest {
    @TempDir
    Path dir;

    @Test
    void everyTableOfTheSchema_isCopiedByMigrationAndExport() throws Exception {
        Path db = dir.resolve("m.db");
        SqliteStorageBackend.open(db).close();
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(StoreTables.ALL.stream().map(StoreTables.Table::name).toList())
                .containsExactlyInAnyOrderElementsOf(tables);
    }

    @Test
    void columnsAreReadFromTheSchema_soANewColumnIsCopiedToo() throws Exception {
        Path db = dir.resolve("c.db");
        SqliteStorageBackend.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            // V6: agents.paused_at (epoch milliseconds, NULL when not paused)
            assertThat(StoreTables.columns(c, "agents"))
                    .contains(new StoreTables.Column("paused_at", StoreTables.Kind.LONG));
            assertThat(StoreTables.columns(c, "blockers"))
                    .contains(new StoreTables.Column("resolved_at", StoreTables.Kind.LONG));
        }
    }
}
