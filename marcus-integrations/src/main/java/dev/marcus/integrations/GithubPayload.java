package dev.marcus.integrations;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.integration.GithubService;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the parts of a GitHub {@code pull_request} delivery that Marcus uses. */
public final class GithubPayload {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GithubPayload() {
    }

    /**
     * The pull request of a {@code pull_request} event; empty for other events (GitHub sends {@code ping} first).
     *
     * @throws ValidationException ({@code body}) when the body is not a pull request delivery
     */
    public static Optional<GithubService.PullRequest> pullRequest(String event, byte[] body) {
        if (!"pull_request".equals(event)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ValidationException("body", "is not JSON: " + e.getOriginalMessage());
        }
        JsonNode pr = root.path("pull_request");
        if (!pr.isObject()) {
            throw new ValidationException("body", "has no pull_request object");
        }
        return Optional.of(new GithubService.PullRequest(root.path("action").asString(""), pr.path("number").asInt(),
                pr.path("title").asString(""), pr.path("html_url").asString(""), pr.path("head").path("ref").asString(""),
                pr.path("merged").asBoolean(false)));
    }
}
