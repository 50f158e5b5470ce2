package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresUrl;
import jakarta.inject.Singleton;

/**
 * The team profile's storage: one PostgreSQL shared by every process ({@code DATABASE_URL} or {@code database.url}).
 * Cache, events and flags come from the same modules as solo: without {@code REDIS_URL}, a memory cache and the
 * PostgreSQL LISTEN/NOTIFY bus ({@link EventBusModule} picks it for this store); with it, Redis for both.
 */
@Module
public interface TeamModule {
    @Provides
    @Singleton
    static StorageBackend storage(MarcusConfig config) {
        return PostgresStorageBackend.open(PostgresUrl.parse(config.databaseUrl()), config.databaseSchema(),
                config.databasePoolSize());
    }
}
