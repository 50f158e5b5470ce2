package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.port.Advisor;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.CommandRunner;
import dev.marcus.core.service.CompletionGate;
import dev.marcus.planning.LlmSettings;
import dev.marcus.planning.Planners;
import dev.marcus.planning.ProcessCommandRunner;
import java.net.URI;
import java.time.Duration;
import dev.marcus.core.lease.LeasePolicy;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.RuleBasedAdvisor;

/** Bindings every profile shares: time, policies, the planner and advisor the configuration names, the completion gate. */
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
    static ProjectPlanner planner(MarcusConfig config) {
        return Planners.planner(config.planning().planner(), llm(config.planning()));
    }

    @Provides
    static Advisor advisor(MarcusConfig config, RuleBasedAdvisor rules) {
        MarcusConfig.Planning p = config.planning();
        return p.llmAdvisor() ? Planners.advisor(p.planner(), llm(p), rules) : rules;
    }

    @Provides
    static CommandRunner commandRunner() {
        return new ProcessCommandRunner();
    }

    @Provides
    static CompletionGate.Settings gates(MarcusConfig config) {
        return config.gates();
    }

    private static LlmSettings llm(MarcusConfig.Planning p) {
        LlmSettings s = LlmSettings.defaults(p.planner(), p.apiKey())
                .withTimeout(p.timeout()).withRetries(p.maxAttempts(), Duration.ofSeconds(1));
        if (p.baseUrl() != null) {
            s = s.withBaseUrl(URI.create(p.baseUrl()));
        }
        if (p.model() != null) {
            s = s.withModel(p.model());
        }
        return s;
    }
}
