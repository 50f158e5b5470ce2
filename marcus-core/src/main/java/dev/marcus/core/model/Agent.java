package dev.marcus.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered agent. An agent is bound to one project at a time; registering again moves or updates it.
 *
 * @param currentTask the task it holds, or {@code null}
 * @param lastSeenAt its last tool call
 */
public record Agent(
        AgentId id,
        ProjectId projectId,
        String name,
        String role,
        List<String> skills,
        TaskId currentTask,
        int completedTasks,
        Instant registeredAt,
        Instant lastSeenAt) {

    public Agent {
        skills = List.copyOf(skills);
    }

    public AgentStatus status() {
        return currentTask == null ? AgentStatus.AVAILABLE : AgentStatus.WORKING;
    }

    public Optional<TaskId> task() {
        return Optional.ofNullable(currentTask);
    }
}
