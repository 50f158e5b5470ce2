package dev.marcus.storage.sqlite;

import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.JobQueueContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The job queue contract on a SQLite file (migration V17). */
class SqliteJobQueueTest extends JobQueueContract {
    @TempDir
    Path dir;
    private SqliteStorageBackend backend;

    @Override
    protected JobQueue newQueue() {
        backend = SqliteStorageBackend.open(dir.resolve("marcus.db"));
        return backend.jobs();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }
}
