package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cache.RedisEventBus;
import dev.marcus.cache.RedisSettings;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.event.InProcessEventBus;
import dev.marcus.storage.postgres.PostgresEventBus;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The event bus: Redis pub/sub when Redis is configured; else PostgreSQL LISTEN/NOTIFY when the store is PostgreSQL
 * (the team profile); else in-process (solo: other processes' events arrive by the relay's tail of the event table).
 * With either cross-process bus, other processes' events arrive in milliseconds and the tail stays as the recovery
 * path (see docs/scaling/going-real-time.md).
 */
@Module
public interface EventBusModule {

    @Provides
    @Singleton
    static EventBus eventBus(Optional<RedisSettings> redis, StorageBackend storage,
                             Provider<InProcessEventBus> inProcess) {
        if (redis.isEmpty()) {
            if (storage instanceof PostgresStorageBackend pg) {
                return postgres(pg);
            }
            return inProcess.get();
        }
        RedisEventBus bus = new RedisEventBus(redis.get());
        try {
            if (!bus.awaitSubscribed(Duration.ofMillis(500))) {
                LoggerFactory.getLogger(EventBusModule.class).warn(
                        "redis at {} does not answer; other processes' events come through the event table until it does",
                        redis.get().describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bus;
    }

    private static EventBus postgres(PostgresStorageBackend pg) {
        PostgresEventBus bus = new PostgresEventBus(pg);
        try {
            if (!bus.awaitSubscribed(Duration.ofMillis(500))) {
                LoggerFactory.getLogger(EventBusModule.class).warn(
                        "cannot LISTEN on {} yet; other processes' events come through the event table until it can",
                        pg.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bus;
    }
}
