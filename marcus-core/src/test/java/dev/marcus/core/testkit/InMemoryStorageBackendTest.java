package dev.marcus.core.testkit;

import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.StorageBackendContract;

/** The in-memory fake keeps the same contract as the real stores, so tests built on it tell the truth. */
class InMemoryStorageBackendTest extends StorageBackendContract {
    @Override
    protected StorageBackend newBackend() {
        return new InMemoryStorageBackend();
    }
}
