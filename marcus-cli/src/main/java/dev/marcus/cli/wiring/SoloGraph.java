package dev.marcus.cli.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.marcus.cli.config.MarcusConfig;
import jakarta.inject.Singleton;

/** Composition root of the solo profile. */
@Singleton
@Component(modules = {CoreModule.class, SoloModule.class})
public interface SoloGraph extends MarcusGraph {

    @Component.Factory
    interface Factory {
        SoloGraph create(@BindsInstance MarcusConfig config);
    }
}
