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
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresUrl;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The team profile: one PostgreSQL shared by every process ({@code DATABASE_URL} or {@code database.url}), a cache in
 * memory, events in-process plus the event-table tail (other processes are seen through the shared table).
 */
@Module
public interface TeamModule {
    /** Connections per process: a stdio server per agent, so keep each small. */
    int POOL_SIZE = 10;

    @Provides
    @Singleton
    static StorageBackend storage(MarcusConfig config) {
        return PostgresStorageBackend.open(PostgresUrl.parse(config.databaseUrl()), config.databaseSchema(), POOL_SIZE);
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
