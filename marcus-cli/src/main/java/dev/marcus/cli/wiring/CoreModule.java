package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.planning.OutlinePlanner;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.port.Advisor;
import dev.marcus.core.port.Clock;
import dev.marcus.core.service.LeasePolicy;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.RuleBasedAdvisor;

/** Bindings every profile shares: time, policies, the offline planner and advisor. */
@Module
public interface CoreModule {

    @Provides
    static Clock clock() {
        return Clock.system();
    }

    @Provides
    static LeasePolicy leasePolicy(MarcusConfig config) {
        return config.lease();
    }

    @Provides
    static Limits limits() {
        return Limits.DEFAULT;
    }

    @Provides
    static ProjectPlanner planner() {
        return new OutlinePlanner();
    }

    @Provides
    static Advisor advisor(RuleBasedAdvisor rules) {
        return rules;
    }
}
