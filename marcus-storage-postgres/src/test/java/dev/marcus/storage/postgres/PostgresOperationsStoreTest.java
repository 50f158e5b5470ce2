package dev.marcus.storage.postgres;

import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.OperationsStoreContract;
import dev.marcus.core.port.StorageBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operations contract on PostgreSQL, in a schema of this class's own. */
class PostgresOperationsStoreTest extends OperationsStoreContract {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @Override
    protected StorageBackend newStore() {
        try {
            PG.truncate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return PG.open();
    }

    @Override
    protected OperationsStore operations(StorageBackend store) {
        return ((PostgresStorageBackend) store).operations();
    }
}
