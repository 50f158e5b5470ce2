package dev.marcus.core.model;

import java.time.Instant;

/**
 * A file an agent produced for a task.
 *
 * @param location path of the file relative to the project root, with {@code /} separators
 */
public record Artifact(
        String id, ProjectId projectId, TaskId taskId, String filename, ArtifactType type,
        String location, String description, long sizeBytes, Instant createdAt) {
}
