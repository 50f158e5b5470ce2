package dev.marcus.planning;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one LLM provider. {@link #toString()} never shows the API key.
 *
 * @param provider {@code anthropic} or {@code openai} (any OpenAI-compatible server: OpenAI, Ollama, vLLM, llama.cpp)
 * @param baseUrl e.g. {@code https://api.anthropic.com}; {@code /v1/...} is appended
 * @param apiKey may be empty for local servers that need none
 * @param timeout per request
 * @param maxAttempts attempts on 429/5xx/connection failures (1 = no retry)
 * @param backoff the first wait between attempts; doubles each time (a Retry-After header wins, capped at 30 s)
 */
public record LlmSettings(String provider, URI baseUrl, String model, String apiKey, Duration timeout, int maxAttempts,
                          Duration backoff, int maxTokens) {
    public static final String ANTHROPIC_URL = "https://api.anthropic.com";
    public static final String OPENAI_URL = "https://api.openai.com";

    public LlmSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        apiKey = apiKey == null ? "" : apiKey;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Defaults for a provider: its public URL, a current model, 60 s timeout, 3 attempts from 1 s back-off. */
    public static LlmSettings defaults(String provider, String apiKey) {
        boolean anthropic = "anthropic".equals(provider);
        return new LlmSettings(provider, URI.create(anthropic ? ANTHROPIC_URL : OPENAI_URL),
                anthropic ? "claude-sonnet-4-5" : "gpt-4o-mini", apiKey, Duration.ofSeconds(60), 3, Duration.ofSeconds(1), 8_000);
    }

    public LlmSettings withBaseUrl(URI url) {
        return new LlmSettings(provider, url, model, apiKey, timeout, maxAttempts, backoff, maxTokens);
    }

    public LlmSettings withModel(String m) {
        return new LlmSettings(provider, baseUrl, m, apiKey, timeout, maxAttempts, backoff, maxTokens);
    }

    public LlmSettings withTimeout(Duration t) {
        return new LlmSettings(provider, baseUrl, model, apiKey, t, maxAttempts, backoff, maxTokens);
    }

    public LlmSettings withRetries(int attempts, Duration firstBackoff) {
        return new LlmSettings(provider, baseUrl, model, apiKey, timeout, attempts, firstBackoff, maxTokens);
    }

    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey.isEmpty() ? "(none)" : "(set)") + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + "]";
    }
}
