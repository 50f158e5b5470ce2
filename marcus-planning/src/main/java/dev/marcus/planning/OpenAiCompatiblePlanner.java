package dev.marcus.planning;

/** Plans with an OpenAI-compatible chat completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server…). */
public final class OpenAiCompatiblePlanner extends LlmPlanner {
    public OpenAiCompatiblePlanner(LlmSettings settings) {
        super("openai", new OpenAiClient(settings));
    }
}
