package dev.marcus.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered agent. An agent is bound to one project at a time; registering again moves or updates it.
 *
 * @param currentTask the task it holds, or {@code null}
 * @param lastSeenAt its last tool call
 * @param pausedAt when a human paused it, or {@code null} when it is not paused; a paused agent keeps the task it
 *     holds but is given no new one
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
        Instant lastSeenAt,
        Instant pausedAt) {

    public Agent {
        skills = List.copyOf(skills);
    }

    /** An agent that is not paused. */
    public Agent(AgentId id, ProjectId projectId, String name, String role, List<String> skills, TaskId currentTask,
                 int completedTasks, Instant registeredAt, Instant lastSeenAt) {
        this(id, projectId, name, role, skills, currentTask, completedTasks, registeredAt, lastSeenAt, null);
    }

    public AgentStatus status() {
        if (currentTask != null) {
            return AgentStatus.WORKING;
        }
        return pausedAt == null ? AgentStatus.AVAILABLE : AgentStatus.PAUSED;
    }

    public boolean isPaused() {
        return pausedAt != null;
    }

    public Optional<TaskId> task() {
        return Optional.ofNullable(currentTask);
    }
}
