package dev.marcus.cli.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.marcus.cli.config.MarcusConfig;
import jakarta.inject.Singleton;

/** Composition root of the solo profile (with Redis for cache and events when {@code REDIS_URL} is set). */
@Singleton
@Component(modules = {CoreModule.class, SoloModule.class, RedisModule.class, CacheModule.class, EventBusModule.class,
    FeatureFlagsModule.class, AccountsModule.class, OperationsModule.class, JobsModule.class})
public interface SoloGraph extends MarcusGraph {

    @Component.Factory
    interface Factory {
        SoloGraph create(@BindsInstance MarcusConfig config);
    }
}
