package dev.marcus.storage.sqlite;

import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.OperationsStoreContract;
import dev.marcus.core.port.StorageBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The operations contract on a SQLite file. */
class SqliteOperationsStoreTest extends OperationsStoreContract {
    @TempDir
    Path dir;
    private int n;

    @Override
    protected StorageBackend newStore() {
        return SqliteStorageBackend.open(dir.resolve("marcus-" + (n++) + ".db"));
    }

    @Override
    protected OperationsStore operations(StorageBackend store) {
        return ((SqliteStorageBackend) store).operations();
    }
}
