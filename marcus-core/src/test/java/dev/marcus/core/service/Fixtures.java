package dev.marcus.core.service;

import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Small builders for tasks and agents in unit tests. */
public final class Fixtures {
    public static final ProjectId PROJECT = new ProjectId("proj-1");
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {
    }

    public static Task task(String id, long seq, Priority p, List<String> labels, Double hours, TaskStatus status, String... deps) {
        return new Task(new TaskId(id), PROJECT, "task " + id, "", status, p, labels,
                Arrays.stream(deps).map(TaskId::new).toList(), hours, List.of(), null, null, 0, null, null, 0, "",
                null, null, seq, 0, 0, 0, T0, T0, null);
    }

    public static Task todo(String id, long seq, String... deps) {
        return task(id, seq, Priority.MEDIUM, List.of(), null, TaskStatus.TODO, deps);
    }

    public static Task named(String id, long seq, String name) {
        Task t = todo(id, seq);
        return new Task(t.id(), t.projectId(), name, t.description(), t.status(), t.priority(), t.labels(),
                t.dependencies(), t.estimatedHours(), t.acceptanceCriteria(), t.parentId(), t.assignee(), t.leaseEpoch(),
                t.leaseExpiresAt(), t.assignedAt(), t.progress(), t.lastMessage(), t.lastReportAt(), t.recoveryInfo(),
                t.sequence(), t.subtaskCount(), t.tokensUsed(), t.costUsd(), t.createdAt(), t.updatedAt(), t.completedAt());
    }

    public static Agent agent(String... skills) {
        return new Agent(new AgentId("a1"), PROJECT, "Agent", "dev", List.of(skills), null, 0, T0, T0);
    }
}
