package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cache.RedisSettings;
import dev.marcus.cli.config.MarcusConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Detects Redis: present when {@code REDIS_URL} (or {@code redis.url}) is configured. {@link CacheModule} and
 * {@link EventBusModule} build on it; any profile's component may include these three.
 */
@Module
public interface RedisModule {
    /** The tenant every installation has from its first migration; multi-tenancy will make it per request. */
    String DEFAULT_TENANT = "default";

    @Provides
    @Singleton
    static Optional<RedisSettings> redis(MarcusConfig config) {
        if (config.redis() == null) {
            return Optional.empty();
        }
        return Optional.of(RedisSettings.of(config.redis().url(), config.redis().prefix())
                .withTenant(DEFAULT_TENANT)
                .withTimeout(config.redis().timeout()));
    }
}
