package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cache.RedisEventBus;
import dev.marcus.cache.TieredCacheBackend;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.FeatureFlags;
import dev.marcus.storage.postgres.PostgresEventBus;
import jakarta.inject.Singleton;

/** Feature flags from the profile and the infrastructure actually in use ({@link DetectedFeatureFlags}). */
@Module
public interface FeatureFlagsModule {

    @Provides
    @Singleton
    static FeatureFlags features(MarcusConfig config, CacheBackend cache, EventBus bus) {
        return new DetectedFeatureFlags(config.profile(),
                bus instanceof RedisEventBus redis ? redis::connected
                        : bus instanceof PostgresEventBus pg ? pg::connected : () -> false,
                cache instanceof TieredCacheBackend tiered ? tiered::sharing : () -> false,
                DetectedFeatureFlags.accountsByDefault(config.profile(), System.getenv("MARCUS_ACCOUNTS")),
                config.gates().enabled());
    }
}
