package dev.marcus.core.integration;

import dev.marcus.core.model.TaskId;
import java.time.Instant;

/**
 * Something outside Marcus attached to a task, e.g. a GitHub pull request.
 *
 * @param kind {@code github_pr}
 * @param state {@code open}, {@code closed} or {@code merged}
 */
public record TaskLink(TaskId task, String kind, String url, String title, String state, Integer number,
                       Instant createdAt, Instant updatedAt) {
}
