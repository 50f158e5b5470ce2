package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import jakarta.inject.Singleton;

/**
 * The solo profile's storage: one SQLite file in {@code MARCUS_HOME}. Cache, events and feature flags come from the
 * shared modules ({@link CacheModule}, {@link EventBusModule}, {@link FeatureFlagsModule}): memory and in-process
 * alone, or tiered over Redis and Redis pub/sub when {@code REDIS_URL} is set.
 */
@Module
public interface SoloModule {

    @Provides
    @Singleton
    static StorageBackend storage(MarcusConfig config) {
        return SqliteStorageBackend.open(config.database());
    }
}
