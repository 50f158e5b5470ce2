package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cache.InMemoryCacheBackend;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.FeatureFlags;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.InProcessEventBus;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The solo profile: one SQLite file in {@code MARCUS_HOME}, a cache in memory, events in-process (other processes on
 * the same file are seen by tailing the event table). No optional feature is on.
 */
@Module
public interface SoloModule {

    @Provides
    @Singleton
    static StorageBackend storage(MarcusConfig config) {
        return SqliteStorageBackend.open(config.database());
    }

    @Provides
    @Singleton
    static CacheBackend cache(MarcusConfig config) {
        return new InMemoryCacheBackend(config.cacheMaxEntries());
    }

    @Provides
    @Singleton
    static EventBus eventBus(InProcessEventBus bus) {
        return bus;
    }

    @Provides
    @Singleton
    static FeatureFlags features() {
        return FeatureFlags.of(Map.of());
    }
}
