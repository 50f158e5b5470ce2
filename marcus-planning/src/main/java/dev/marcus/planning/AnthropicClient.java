package dev.marcus.planning;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The Anthropic Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
public final class AnthropicClient extends LlmClient {
    static final String VERSION = "2023-06-01";

    public AnthropicClient(LlmSettings settings) {
        super(settings);
    }

    @Override
    protected HttpRequest request(String system, String user) {
        return post("/v1/messages", Map.of(
                "model", settings.model(),
                "max_tokens", settings.maxTokens(),
                "system", system,
                "messages", List.of(Map.of("role", "user", "content", user))))
                .header("x-api-key", settings.apiKey())
                .header("anthropic-version", VERSION)
                .build();
    }

    @Override
    protected String text(JsonNode body) {
        if ("max_tokens".equals(str(body.path("stop_reason")))) {
            throw truncated();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : body.path("content")) {
            if ("text".equals(str(block.path("type")))) {
                sb.append(str(block.path("text")));
            }
        }
        if (sb.isEmpty()) {
            throw new dev.marcus.core.error.ValidationException("plan", "the anthropic answer has no text content");
        }
        return sb.toString();
    }
}
