package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cache.InMemoryCacheBackend;
import dev.marcus.cache.RedisSettings;
import dev.marcus.cache.TieredCacheBackend;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.CacheBackend;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** The cache: memory (Caffeine) alone, or memory in front of Redis when Redis is configured. */
@Module
public interface CacheModule {

    @Provides
    @Singleton
    static CacheBackend cache(MarcusConfig config, Optional<RedisSettings> redis) {
        if (redis.isEmpty()) {
            return new InMemoryCacheBackend(config.cacheMaxEntries());
        }
        TieredCacheBackend tiered = new TieredCacheBackend(redis.get(), config.cacheMaxEntries());
        if (!tiered.awaitReady(Duration.ofMillis(500))) {
            LoggerFactory.getLogger(CacheModule.class).warn("redis at {} does not answer; the cache runs in memory until it does",
                    redis.get().describe());
        }
        return tiered;
    }
}
