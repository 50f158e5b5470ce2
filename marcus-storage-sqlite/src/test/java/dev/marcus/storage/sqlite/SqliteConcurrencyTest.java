package dev.marcus.storage.sqlite;

import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.StorageConcurrencyContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Several backend instances on one file, each used by several threads, racing for the same tasks. */
class SqliteConcurrencyTest extends StorageConcurrencyContract {
    @TempDir
    Path dir;

    @Override
    protected StorageBackend openInstance() {
        return SqliteStorageBackend.open(dir.resolve("race.db"));
    }

    @Override
    protected int instances() {
        return 4;
    }

    @Override
    protected int threadsPerInstance() {
        return 4;
    }

    @Override
    protected int tasks() {
        return 120;
    }
}
