package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cache.RedisEventBus;
import dev.marcus.cache.RedisSettings;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.service.InProcessEventBus;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The event bus: in-process (other processes' events arrive by the relay's tail of the event table), or Redis pub/sub
 * when Redis is configured (other processes' events arrive in milliseconds; the tail stays as the recovery path).
 * TODO(postgres-notify): a PostgreSQL LISTEN/NOTIFY bus for the team profile without Redis belongs here, chosen when
 * the store is PostgreSQL and Redis is absent (see docs/scaling/going-real-time.md).
 */
@Module
public interface EventBusModule {

    @Provides
    @Singleton
    static EventBus eventBus(Optional<RedisSettings> redis, Provider<InProcessEventBus> inProcess) {
        if (redis.isEmpty()) {
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
}
