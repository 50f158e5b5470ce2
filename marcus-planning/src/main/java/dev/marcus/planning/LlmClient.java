package dev.marcus.planning;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ValidationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat completion against a provider, with retries and back-off on 429, 5xx and connection failures. Subclasses
 * say how to build the request and read the answer. Errors: {@link BackendUnavailableException} when the provider
 * cannot answer (timeout, retries exhausted, 4xx), {@link ValidationException} on {@code plan} when it answered
 * something unusable (no text, cut off at the token limit).
 */
public abstract class LlmClient {
    private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
    static final ObjectMapper JSON = JsonMapper.builder().build();

    protected final LlmSettings settings;
    private final HttpClient http;

    protected LlmClient(LlmSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** The provider's answer text to one system + user prompt. */
    public String complete(String system, String user) {
        HttpRequest request = request(system, user);
        String where = settings.provider() + " at " + settings.baseUrl();
        Duration wait = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new BackendUnavailableException("the " + where + " did not answer within "
                        + settings.timeout().toSeconds() + " s; nothing was written", e);
            } catch (IOException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new BackendUnavailableException("cannot reach the " + where + " after " + attempt
                            + " attempts: " + e.getClass().getSimpleName() + "; nothing was written", e);
                }
                sleep(wait);
                wait = wait.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendUnavailableException("interrupted while waiting for the " + where, e);
            }
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                if (attempt >= settings.maxAttempts()) {
                    throw new BackendUnavailableException("the " + where + " answered HTTP " + status + " " + attempt
                            + " times; nothing was written: " + snippet(response.body()), null);
                }
                Duration delay = retryAfter(response).orElse(wait);
                LOG.info("{} answered HTTP {}; retrying in {} ms (attempt {} of {})", settings.provider(), status,
                        delay.toMillis(), attempt + 1, settings.maxAttempts());
                sleep(delay);
                wait = wait.multipliedBy(2);
                continue;
            }
            if (status / 100 != 2) {
                throw new BackendUnavailableException("the " + where + " refused the request with HTTP " + status
                        + " (check the API key and model): " + snippet(response.body()), null);
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (JacksonException e) {
                throw new ValidationException("plan", "the " + where + " answered something that is not JSON: "
                        + snippet(response.body()));
            }
            return text(body);
        }
    }

    protected abstract HttpRequest request(String system, String user);

    /** The answer text; throws {@link ValidationException} when it is missing or was cut off. */
    protected abstract String text(JsonNode body);

    protected HttpRequest.Builder post(String path, Map<String, Object> body) {
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.timeout())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    protected ValidationException truncated() {
        return new ValidationException("plan", "the " + settings.provider() + " answer was cut off at the token limit ("
                + settings.maxTokens() + "); describe less at once or raise the limit; nothing was written");
    }

    private java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(v -> {
            try {
                long s = Long.parseLong(v.strip());
                return java.util.Optional.of(Duration.ofSeconds(Math.min(30, Math.max(0, s))));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        });
    }

    /** A bounded piece of a provider's body for an error message, with the API key blanked should it appear. */
    String snippet(String body) {
        String s = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        if (!settings.apiKey().isEmpty()) {
            s = s.replace(settings.apiKey(), "***");
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted during back-off", e);
        }
    }

    static String str(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asString();
    }
}
