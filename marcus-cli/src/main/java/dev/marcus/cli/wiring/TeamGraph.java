package dev.marcus.cli.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.marcus.cli.config.MarcusConfig;
import jakarta.inject.Singleton;

/** Composition root of the team profile: PostgreSQL storage shared by every process. */
@Singleton
@Component(modules = {CoreModule.class, TeamModule.class, RedisModule.class, CacheModule.class, EventBusModule.class,
    FeatureFlagsModule.class, AccountsModule.class, OperationsModule.class, JobsModule.class})
public interface TeamGraph extends MarcusGraph {

    @Component.Factory
    interface Factory {
        TeamGraph create(@BindsInstance MarcusConfig config);
    }
}
