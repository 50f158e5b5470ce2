package dev.marcus.planning;

/** Plans with Anthropic's Messages API. */
public final class AnthropicPlanner extends LlmPlanner {
    public AnthropicPlanner(LlmSettings settings) {
        super("anthropic", new AnthropicClient(settings));
    }
}
