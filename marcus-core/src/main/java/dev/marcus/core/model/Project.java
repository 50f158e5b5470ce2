package dev.marcus.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A project: a graph of tasks that agents share.
 *
 * @param projectRoot absolute directory artifacts are written under, or {@code null} when not set
 * @param completedAt when the last task was finished, or {@code null} while work remains
 */
public record Project(
        ProjectId id,
        String name,
        String description,
        String projectRoot,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    public Optional<String> root() {
        return Optional.ofNullable(projectRoot);
    }

    public boolean isComplete() {
        return completedAt != null;
    }
}
