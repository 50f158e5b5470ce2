package dev.marcus.storage.postgres;

import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.StorageConcurrencyContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several backend instances (pools) on one schema, each used by several threads, racing for the same tasks. */
class PostgresConcurrencyTest extends StorageConcurrencyContract {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @Override
    protected StorageBackend openInstance() {
        return PG.open();
    }

    @Override
    protected int instances() {
        return 3;
    }

    @Override
    protected int threadsPerInstance() {
        return 8;
    }

    @Override
    protected int tasks() {
        return 400;
    }
}
