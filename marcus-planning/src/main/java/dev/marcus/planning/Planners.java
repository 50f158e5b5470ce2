package dev.marcus.planning;

import dev.marcus.core.planning.OfflinePlanner;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.port.Advisor;

/** Builds the planner and advisor a configuration names. */
public final class Planners {
    private Planners() {
    }

    /** {@code offline}, {@code anthropic} or {@code openai}; settings are ignored for offline. */
    public static ProjectPlanner planner(String kind, LlmSettings settings) {
        return switch (kind) {
            case "anthropic" -> new AnthropicPlanner(settings);
            case "openai" -> new OpenAiCompatiblePlanner(settings);
            default -> new OfflinePlanner();
        };
    }

    /** An LLM advisor over the same provider as the planner, falling back to {@code rules}; the rules alone offline. */
    public static Advisor advisor(String kind, LlmSettings settings, Advisor rules) {
        return switch (kind) {
            case "anthropic" -> new LlmAdvisor(new AnthropicClient(settings), rules);
            case "openai" -> new LlmAdvisor(new OpenAiClient(settings), rules);
            default -> rules;
        };
    }
}
