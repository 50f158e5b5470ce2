package dev.marcus.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One unit of work and its coordination state. Immutable snapshot; nullable fields are documented.
 *
 * @param estimatedHours estimate, or {@code null} when unknown
 * @param parentId the parent task when this is a subtask, else {@code null}
 * @param assignee the agent holding the lease, or {@code null}
 * @param leaseEpoch fencing token: grows by one on every hand-out, never reused
 * @param leaseExpiresAt when the current lease ends, or {@code null} when not held
 * @param assignedAt when the current holder got the task, or {@code null}
 * @param lastReportAt the current holder's last progress report, or {@code null} before the first
 * @param recoveryInfo hand-off note from a previous holder, or {@code null}
 * @param sequence creation order within the store; ties in ranking go to the lower sequence
 * @param subtaskCount how many subtasks this task has; a parent is never assigned
 * @param completedAt when the task became done, or {@code null}
 */
public record Task(
        TaskId id,
        ProjectId projectId,
        String name,
        String description,
        TaskStatus status,
        Priority priority,
        List<String> labels,
        List<TaskId> dependencies,
        Double estimatedHours,
        List<String> acceptanceCriteria,
        TaskId parentId,
        AgentId assignee,
        long leaseEpoch,
        Instant leaseExpiresAt,
        Instant assignedAt,
        int progress,
        String lastMessage,
        Instant lastReportAt,
        RecoveryInfo recoveryInfo,
        long sequence,
        int subtaskCount,
        long tokensUsed,
        double costUsd,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    public Task {
        labels = List.copyOf(labels);
        dependencies = List.copyOf(dependencies);
        acceptanceCriteria = List.copyOf(acceptanceCriteria);
    }

    public Optional<AgentId> holder() {
        return Optional.ofNullable(assignee);
    }

    public boolean isDone() {
        return status == TaskStatus.DONE;
    }

    public boolean isParent() {
        return subtaskCount > 0;
    }

    /** This task with other dependencies, e.g. to judge a dependency edit against the graph rules. */
    public Task withDependencies(List<TaskId> deps) {
        return new Task(id, projectId, name, description, status, priority, labels, deps, estimatedHours,
                acceptanceCriteria, parentId, assignee, leaseEpoch, leaseExpiresAt, assignedAt, progress, lastMessage,
                lastReportAt, recoveryInfo, sequence, subtaskCount, tokensUsed, costUsd, createdAt, updatedAt, completedAt);
    }
}
