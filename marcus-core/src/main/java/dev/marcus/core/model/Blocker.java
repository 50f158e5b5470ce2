package dev.marcus.core.model;

import java.time.Instant;

/** A blocker reported on a task; {@code resolvedAt} is {@code null} while it stands. */
public record Blocker(String id, TaskId taskId, AgentId agentId, String description, BlockerSeverity severity,
                      Instant createdAt, Instant resolvedAt) {
}
