package dev.marcus.storage.postgres;

import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.JobQueueContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job queue contract on PostgreSQL, in a schema of this class's own (migration V17). */
class PostgresJobQueueTest extends JobQueueContract {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private PostgresStorageBackend backend;

    @Override
    protected JobQueue newQueue() {
        try {
            PG.truncate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        backend = PG.open();
        return backend.jobs();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }
}
