package dev.marcus.cli.commands;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A plain JDBC connection to the store behind a backend, for whole-table tools (export, import, bench). */
final class StoreJdbc {
    private StoreJdbc() {
    }

    static Connection connect(StorageBackend storage) throws SQLException {
        if (storage instanceof PostgresStorageBackend pg) {
            return pg.dataSource().getConnection();
        }
        if (storage instanceof SqliteStorageBackend sqlite) {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite.file());
            try (var s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 15000");
            }
            return c;
        }
        throw new ValidationException("storage", storage.describe() + " does not support whole-table tools");
    }

    static boolean isPostgres(StorageBackend storage) {
        return storage instanceof PostgresStorageBackend;
    }
}
