package dev.marcus.planning;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** OpenAI-compatible chat completions: {@code POST {base}/v1/chat/completions} with a Bearer key (none for local servers). */
public final class OpenAiClient extends LlmClient {
    public OpenAiClient(LlmSettings settings) {
        super(settings);
    }

    @Override
    protected HttpRequest request(String system, String user) {
        HttpRequest.Builder b = post("/v1/chat/completions", Map.of(
                "model", settings.model(),
                "max_tokens", settings.maxTokens(),
                "response_format", Map.of("type", "json_object"),
                "messages", List.of(Map.of("role", "system", "content", system), Map.of("role", "user", "content", user))));
        if (!settings.apiKey().isEmpty()) {
            b.header("authorization", "Bearer " + settings.apiKey());
        }
        return b.build();
    }

    @Override
    protected String text(JsonNode body) {
        JsonNode choice = body.path("choices").path(0);
        if ("length".equals(str(choice.path("finish_reason")))) {
            throw truncated();
        }
        String text = str(choice.path("message").path("content"));
        if (text == null || text.isBlank()) {
            throw new dev.marcus.core.error.ValidationException("plan", "the openai answer has no message content");
        }
        return text;
    }
}
