package dev.marcus.mcp;

import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.RecoveryInfo;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of the core model as the tools return them: snake_case keys, ISO-8601 times, wire enum names. */
public final class Views {
    private Views() {
    }

    /** A mutable, ordered map starting with {@code success}. */
    public static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        return m;
    }

    /** A non-error answer with {@code success: false} (e.g. "no task now"). */
    public static Map<String, Object> notNow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        return m;
    }

    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    public static List<String> ids(List<TaskId> ids) {
        return ids.stream().map(TaskId::value).toList();
    }

    public static Map<String, Object> task(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().value());
        m.put("project_id", t.projectId().value());
        m.put("name", t.name());
        m.put("description", t.description());
        m.put("status", t.status().wire());
        m.put("priority", t.priority().wire());
        m.put("labels", t.labels());
        m.put("dependencies", ids(t.dependencies()));
        m.put("estimated_hours", t.estimatedHours());
        m.put("acceptance_criteria", t.acceptanceCriteria());
        m.put("parent_task_id", t.parentId() == null ? null : t.parentId().value());
        m.put("assigned_to", t.assignee() == null ? null : t.assignee().value());
        m.put("progress", t.progress());
        m.put("lease_epoch", t.leaseEpoch());
        m.put("lease_expires_at", time(t.leaseExpiresAt()));
        m.put("last_message", t.lastMessage());
        m.put("subtask_count", t.subtaskCount());
        m.put("tokens_used", t.tokensUsed());
        m.put("cost_usd", t.costUsd());
        m.put("created_at", time(t.createdAt()));
        m.put("completed_at", time(t.completedAt()));
        if (t.recoveryInfo() != null) {
            m.put("recovery_info", recovery(t.recoveryInfo()));
        }
        return m;
    }

    /** A short reference to a task: id, name, status. */
    public static Map<String, Object> taskRef(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().value());
        m.put("name", t.name());
        m.put("status", t.status().wire());
        return m;
    }

    public static Map<String, Object> recovery(RecoveryInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previous_agent", r.previousAgent().value());
        m.put("previous_progress", r.previousProgress());
        m.put("last_message", r.lastMessage());
        m.put("time_spent_seconds", r.timeSpentSeconds());
        m.put("recovered_at", time(r.recoveredAt()));
        m.put("reason", r.reason());
        return m;
    }

    public static Map<String, Object> project(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().value());
        m.put("name", p.name());
        m.put("project_root", p.projectRoot());
        m.put("created_at", time(p.createdAt()));
        m.put("completed_at", time(p.completedAt()));
        m.put("complete", p.isComplete());
        return m;
    }

    public static Map<String, Object> agent(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.id().value());
        m.put("name", a.name());
        m.put("role", a.role());
        m.put("skills", a.skills());
        m.put("project_id", a.projectId().value());
        m.put("status", a.status().wire());
        m.put("current_task_id", a.currentTask() == null ? null : a.currentTask().value());
        m.put("completed_tasks", a.completedTasks());
        m.put("registered_at", time(a.registeredAt()));
        m.put("last_seen_at", time(a.lastSeenAt()));
        m.put("paused", a.isPaused());
        m.put("paused_at", time(a.pausedAt()));
        return m;
    }

    public static Map<String, Object> decision(Decision d) {
        return dev.marcus.core.analytics.HistoryService.decisionView(d);
    }

    public static Map<String, Object> artifact(Artifact a) {
        return dev.marcus.core.analytics.HistoryService.artifactView(a);
    }

    public static Map<String, Object> blocker(Blocker b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blocker_id", b.id());
        m.put("agent_id", b.agentId().value());
        m.put("description", b.description());
        m.put("severity", b.severity().wire());
        m.put("created_at", time(b.createdAt()));
        m.put("resolved_at", time(b.resolvedAt()));
        return m;
    }

    public static <T> List<Map<String, Object>> list(List<T> items, java.util.function.Function<T, Map<String, Object>> view) {
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(view.apply(t));
        }
        return out;
    }
}
