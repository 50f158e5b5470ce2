package dev.marcus.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A project: a graph of tasks that agents share.
 *
 * @param projectRoot absolute directory artifacts are written under, or {@code null} when not set
 * @param completedAt when the last task was finished, or {@code null} while work remains
 * @param archivedAt when the project was removed with {@code remove_project}, or {@code null}; an archived project
 *     keeps its tasks and events (nothing is deleted) but is no longer listed or selectable
 */
public record Project(
        ProjectId id,
        String name,
        String description,
        String projectRoot,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        Instant archivedAt) {

    /** A project that has not been archived. */
    public Project(ProjectId id, String name, String description, String projectRoot, Instant createdAt,
                   Instant updatedAt, Instant completedAt) {
        this(id, name, description, projectRoot, createdAt, updatedAt, completedAt, null);
    }

    public boolean isArchived() {
        return archivedAt != null;
    }

    public Optional<String> root() {
        return Optional.ofNullable(projectRoot);
    }

    public boolean isComplete() {
        return completedAt != null;
    }
}
