package dev.marcus.core.model;

import java.time.Instant;

/** A decision an agent made on a task: the full text and its parsed what / why / impact (either may be empty). */
public record Decision(
        String id, ProjectId projectId, TaskId taskId, AgentId agentId,
        String text, String what, String why, String impact, Instant createdAt) {
}
