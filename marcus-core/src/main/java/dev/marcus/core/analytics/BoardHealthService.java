package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.round;
import static dev.marcus.core.analytics.Reports.taskRef;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.Cycles;
import dev.marcus.core.graph.DurationPolicy;
import dev.marcus.core.graph.Schedule;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.graph.TaskGraph;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Board health, dependency and assignment checks, diagnosis, stall snapshots and agent-count signals. */
@Singleton
public final class BoardHealthService {
    /** An in-progress task without a report for this long is stale. */
    public static final Duration STALE_AFTER = Duration.ofHours(4);
    /** Score penalty per issue by severity. */
    static final Map<String, Integer> PENALTY = Map.of("critical", 25, "high", 15, "medium", 8, "low", 3);

    private final StorageBackend storage;
    private final ProjectService projects;
    private final Clock clock;

    @Inject
    public BoardHealthService(StorageBackend storage, ProjectService projects, Clock clock) {
        this.storage = storage;
        this.projects = projects;
        this.clock = clock;
    }

    // ---- check_board_health -------------------------------------------------------------------------------

    public Map<String, Object> boardHealth(String projectId) {
        Project project = projects.resolve(projectId);
        List<Task> tasks = storage.listTasks(project.id());
        List<Agent> agents = storage.listAgents(project.id());
        Instant now = clock.now();
        TaskGraph graph = new TaskGraph(tasks);
        Schedule schedule = graph.schedule();
        List<Map<String, Object>> issues = new ArrayList<>();

        Set<String> skills = new HashSet<>();
        agents.forEach(a -> skills.addAll(a.skills()));
        if (!agents.isEmpty()) {
            for (Task t : tasks) {
                if (t.status() == TaskStatus.TODO && !t.isParent() && !t.labels().isEmpty()
                        && t.labels().stream().noneMatch(skills::contains)) {
                    issues.add(issue("skill_mismatch", "medium", "no registered agent has a skill among the labels "
                            + t.labels() + " of '" + t.name() + "'", List.of(t)));
                }
            }
        }
        Map<TaskId, List<TaskId>> edges = new LinkedHashMap<>();
        tasks.forEach(t -> edges.put(t.id(), t.dependencies()));
        List<TaskId> cycle = Cycles.find(edges);
        if (!cycle.isEmpty()) {
            Map<String, Object> i = issue("circular_dependency", "critical", "tasks wait on each other in a cycle: "
                    + String.join(" -> ", cycle.stream().map(TaskId::value).toList()), List.of());
            i.put("task_ids", cycle.stream().map(TaskId::value).toList());
            issues.add(i);
        }
        for (Task t : tasks) {
            if (t.isDone()) {
                continue;
            }
            if (t.status() == TaskStatus.BLOCKED && schedule.unfinishedDependents(t.id()) > 0) {
                // critical when it holds up the end of the project or is a bottleneck, else high
                int waiting = graph.unblockCount(t.id());
                boolean critical = schedule.onCriticalPath(t.id()) || schedule.isBottleneck(t.id());
                Map<String, Object> i = issue("chain_block", critical ? "critical" : "high",
                        "blocked task '" + t.name() + "' holds up " + waiting + " unfinished task(s)"
                        + (schedule.onCriticalPath(t.id()) ? " and the end of the project (it is on the critical path)" : ""),
                        List.of(t));
                i.put("downstream_count", waiting);
                i.put("on_critical_path", schedule.onCriticalPath(t.id()));
                i.put("bottleneck", schedule.isBottleneck(t.id()));
                issues.add(i);
            } else if (t.status() != TaskStatus.BLOCKED && schedule.isBottleneck(t.id())) {
                Map<String, Object> i = issue("bottleneck", "medium", "'" + t.name() + "' is waited for directly by "
                        + schedule.unfinishedDependents(t.id()) + " unfinished task(s)", List.of(t));
                i.put("dependent_count", schedule.unfinishedDependents(t.id()));
                i.put("downstream_count", graph.unblockCount(t.id()));
                issues.add(i);
            }
            if (t.status() == TaskStatus.IN_PROGRESS) {
                Instant last = t.lastReportAt() != null ? t.lastReportAt() : t.assignedAt();
                if (last != null && Duration.between(last, now).compareTo(STALE_AFTER) > 0) {
                    Map<String, Object> i = issue("stale_tasks", "high", "'" + t.name() + "' has had no report for "
                            + Duration.between(last, now).toMinutes() + " minutes", List.of(t));
                    i.put("last_report_at", time(last));
                    issues.add(i);
                }
            }
        }
        Map<TaskId, Task> byId = Records.byId(tasks);
        for (Agent a : agents) {
            Task held = a.currentTask() == null ? null : byId.get(a.currentTask());
            if (held != null && held.assignedAt() != null) {
                double allowed = Math.max(4.0, 2 * DurationPolicy.estimate(held));
                double spent = Duration.between(held.assignedAt(), now).toMillis() / 3_600_000.0;
                if (spent > allowed) {
                    Map<String, Object> i = issue("overloaded_agents", "medium", "agent '" + a.id() + "' has held '"
                            + held.name() + "' for " + round(spent, 1) + " h, over twice its estimate", List.of(held));
                    i.put("agent_id", a.id().value());
                    issues.add(i);
                }
            }
        }
        int ready = storage.readyTasks(project.id(), 1000).size();
        List<String> idle = agents.stream().filter(a -> a.currentTask() == null).map(a -> a.id().value()).toList();
        if (ready > 0 && !idle.isEmpty()) {
            Map<String, Object> i = issue("idle_agents", "low", idle.size() + " agent(s) hold no task while " + ready
                    + " task(s) are ready", List.of());
            i.put("agent_ids", idle);
            issues.add(i);
        }
        int score = 100;
        for (Map<String, Object> i : issues) {
            score -= PENALTY.get((String) i.get("severity"));
        }
        score = Math.max(0, score);
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("health_score", score);
        out.put("status", score >= 80 ? "healthy" : score >= 50 ? "degraded" : "critical");
        out.put("issue_count", issues.size());
        Map<String, Integer> byType = new LinkedHashMap<>();
        issues.forEach(i -> byType.merge((String) i.get("type"), 1, Integer::sum));
        out.put("issues_by_type", byType);
        out.put("issues", issues);
        out.putAll(schedule.summary());
        out.put("checked_at", time(now));
        return out;
    }

    private static Map<String, Object> issue(String type, String severity, String description, List<Task> tasks) {
        Map<String, Object> m = map();
        m.put("type", type);
        m.put("severity", severity);
        m.put("description", description);
        if (!tasks.isEmpty()) {
            m.put("task_ids", tasks.stream().map(t -> t.id().value()).toList());
        }
        return m;
    }

    // ---- check_task_dependencies ---------------------------------------------------------------------------

    public Map<String, Object> taskDependencies(String taskId) {
        Task task = requireTask(taskId);
        List<Task> tasks = storage.listTasks(task.projectId());
        TaskGraph graph = new TaskGraph(tasks);
        List<Map<String, Object>> deps = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        for (TaskId d : task.dependencies()) {
            graph.task(d).ifPresent(t -> {
                deps.add(taskRef(t));
                if (!t.isDone()) {
                    unfinished.add(t.id().value());
                }
            });
        }
        Map<TaskId, List<TaskId>> edges = new LinkedHashMap<>();
        tasks.forEach(t -> edges.put(t.id(), t.dependencies()));
        List<TaskId> cycle = Cycles.find(edges);
        Schedule schedule = graph.schedule();
        Map<String, Object> out = map();
        out.put("task", taskRef(task));
        out.put("dependencies", deps);
        out.put("unfinished_dependencies", unfinished);
        out.put("dependents", graph.dependentsOf(task.id()).stream().map(id -> taskRef(graph.task(id).orElseThrow())).toList());
        out.put("upstream_count", graph.upstreamOf(task.id()).size());
        out.put("downstream_count", graph.downstreamOf(task.id()).size());
        out.put("on_critical_path", schedule.onCriticalPath(task.id()));
        out.put("slack_hours", schedule.slack(task.id()).isPresent() ? round(schedule.slack(task.id()).getAsDouble(), 2) : null);
        out.put("tail_hours", round(schedule.tailHours(task.id()), 2));
        out.put("bottleneck", schedule.isBottleneck(task.id()));
        out.put("in_cycle", cycle.contains(task.id()));
        out.put("can_start", task.status() == TaskStatus.TODO && unfinished.isEmpty() && !task.isParent()
                && task.assignee() == null);
        return out;
    }

    // ---- check_assignment_health ---------------------------------------------------------------------------

    public Map<String, Object> assignmentHealth(String projectId) {
        Project project = projects.resolve(projectId);
        List<Task> tasks = storage.listTasks(project.id());
        List<Agent> agents = storage.listAgents(project.id());
        Instant now = clock.now();
        Map<TaskId, Task> byId = Records.byId(tasks);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Task t : tasks) {
            if (t.assignee() != null && t.leaseExpiresAt() != null && t.leaseExpiresAt().isBefore(now)) {
                problems.add(problem("expired_lease", t, "the lease of '" + t.assignee() + "' ended at "
                        + t.leaseExpiresAt() + "; the sweeper will return it to todo"));
            }
            if (t.status() == TaskStatus.IN_PROGRESS && t.assignee() == null) {
                problems.add(problem("in_progress_without_holder", t, "in progress but nobody holds it"));
            }
            if (t.assignee() != null && storage.findAgent(t.assignee()).isEmpty()) {
                problems.add(problem("unknown_holder", t, "held by unregistered agent '" + t.assignee() + "'"));
            }
        }
        for (Agent a : agents) {
            if (a.currentTask() != null) {
                Task held = byId.get(a.currentTask());
                if (held == null || !a.id().equals(held.assignee())) {
                    Map<String, Object> p = map();
                    p.put("type", "agent_task_mismatch");
                    p.put("agent_id", a.id().value());
                    p.put("description", "agent '" + a.id() + "' thinks it holds '" + a.currentTask()
                            + "' but the task is not held by it");
                    problems.add(p);
                }
            }
        }
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("healthy", problems.isEmpty());
        out.put("assigned_tasks", tasks.stream().filter(t -> t.assignee() != null).count());
        out.put("working_agents", agents.stream().filter(a -> a.currentTask() != null).count());
        out.put("available_agents", agents.stream().filter(a -> a.currentTask() == null).count());
        out.put("problems", problems);
        out.put("checked_at", time(now));
        return out;
    }

    private static Map<String, Object> problem(String type, Task t, String description) {
        Map<String, Object> m = map();
        m.put("type", type);
        m.put("task_id", t.id().value());
        m.put("description", description);
        return m;
    }

    // ---- diagnose_project ----------------------------------------------------------------------------------

    public Map<String, Object> diagnose(String projectId) {
        Project project = projects.resolve(projectId);
        List<Task> tasks = storage.listTasks(project.id());
        List<Agent> agents = storage.listAgents(project.id());
        Map<TaskId, Task> byId = Records.byId(tasks);
        Set<String> skills = new HashSet<>();
        agents.forEach(a -> skills.addAll(a.skills()));
        List<Map<String, Object>> notAssignable = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        int ready = 0;
        for (Task t : tasks) {
            List<String> why = new ArrayList<>();
            if (t.status() == TaskStatus.DONE || t.status() == TaskStatus.IN_PROGRESS) {
                continue;
            }
            if (t.status() == TaskStatus.BLOCKED) {
                why.add("blocked");
            }
            if (t.isParent()) {
                why.add("parent_of_subtasks");
            }
            List<String> waiting = new ArrayList<>();
            List<String> blockedDeps = new ArrayList<>();
            for (TaskId d : t.dependencies()) {
                Task dep = byId.get(d);
                if (dep != null && !dep.isDone()) {
                    waiting.add(dep.id().value());
                    if (dep.status() == TaskStatus.BLOCKED) {
                        blockedDeps.add(dep.id().value());
                    }
                }
            }
            if (!waiting.isEmpty()) {
                why.add(blockedDeps.isEmpty() ? "waiting_on_dependencies" : "dependency_blocked");
            }
            if (why.isEmpty()) {
                ready++;
                if (!agents.isEmpty() && !t.labels().isEmpty() && t.labels().stream().noneMatch(skills::contains)) {
                    why.add("no_agent_with_matching_skills");
                } else {
                    continue;
                }
            }
            why.forEach(r -> reasons.merge(r, 1, Integer::sum));
            Map<String, Object> m = taskRef(t);
            m.put("reasons", why);
            m.put("waiting_on", waiting);
            if (!blockedDeps.isEmpty()) {
                m.put("blocked_dependencies", blockedDeps);
            }
            notAssignable.add(m);
        }
        List<String> recommendations = new ArrayList<>();
        if (agents.isEmpty()) {
            recommendations.add("No agent is registered to this project: start agents and call register_agent.");
        }
        if (reasons.containsKey("blocked") || reasons.containsKey("dependency_blocked")) {
            recommendations.add("Resolve blocked tasks (see their blockers in query_project_history blocked_tasks), "
                    + "then release them with unassign_task.");
        }
        if (reasons.containsKey("no_agent_with_matching_skills")) {
            recommendations.add("Register an agent whose skills match the labels of the unmatched tasks; ranking "
                    + "still hands them out, but to agents without the skills.");
        }
        if (ready == 0 && tasks.stream().anyMatch(t -> !t.isDone())
                && tasks.stream().noneMatch(t -> t.status() == TaskStatus.IN_PROGRESS)) {
            recommendations.add("Nothing is ready and nothing is in progress: the project is stalled; check "
                    + "check_board_health for a chain_block or circular_dependency.");
        }
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("total_tasks", tasks.size());
        out.put("ready_tasks", ready);
        out.put("in_progress_tasks", tasks.stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS).count());
        out.put("not_assignable_count", notAssignable.size());
        out.put("reasons", reasons);
        out.put("not_assignable", notAssignable);
        out.put("registered_agents", agents.size());
        out.put("available_agents", agents.stream().filter(a -> a.currentTask() == null).count());
        out.put("recommendations", recommendations);
        return out;
    }

    // ---- capture_stall_snapshot ----------------------------------------------------------------------------

    public Map<String, Object> stallSnapshot(String projectId, int conversationHours) {
        if (conversationHours < 0 || conversationHours > 24 * 366) {
            throw new ValidationException("include_conversation_hours", "must be between 0 and 8784");
        }
        Project project = projects.resolve(projectId);
        Instant now = clock.now();
        List<Task> tasks = storage.listTasks(project.id());
        List<Event> events = Records.events(storage, project.id());
        Instant lastProgress = null;
        Instant lastCompletion = null;
        for (Event e : events) {
            if (e.type() == EventType.TASK_PROGRESS || e.type() == EventType.TASK_COMPLETED
                    || e.type() == EventType.TASK_ASSIGNED) {
                lastProgress = e.at();
            }
            if (e.type() == EventType.TASK_COMPLETED) {
                lastCompletion = e.at();
            }
        }
        boolean workLeft = tasks.stream().anyMatch(t -> !t.isDone());
        Instant since = lastProgress != null ? lastProgress : project.createdAt();
        long quietMinutes = Duration.between(since, now).toMinutes();
        boolean stalled = workLeft && quietMinutes >= 60;
        Instant from = now.minus(Duration.ofHours(conversationHours));
        List<Map<String, Object>> conversation = new ArrayList<>();
        for (Event e : events) {
            if (!e.at().isBefore(from) && HistoryService.isConversation(e)) {
                conversation.add(HistoryService.message(e));
            }
        }
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("captured_at", time(now));
        out.put("stalled", stalled);
        out.put("minutes_since_activity", quietMinutes);
        out.put("last_activity_at", time(lastProgress));
        out.put("last_completion_at", time(lastCompletion));
        out.put("task_counts", counts(tasks));
        out.put("blocked_tasks", tasks.stream().filter(t -> t.status() == TaskStatus.BLOCKED).map(Reports::taskRef).toList());
        out.put("in_progress_tasks", tasks.stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS).map(t -> {
            Map<String, Object> m = taskRef(t);
            m.put("progress", t.progress());
            m.put("last_report_at", time(t.lastReportAt()));
            return m;
        }).toList());
        out.put("diagnosis", diagnose(project.id().value()));
        out.put("conversation_hours", conversationHours);
        out.put("conversation", conversation);
        return out;
    }

    static Map<String, Object> counts(List<Task> tasks) {
        Map<String, Object> m = map();
        for (TaskStatus s : TaskStatus.values()) {
            m.put(s.wire(), tasks.stream().filter(t -> t.status() == s).count());
        }
        m.put("total", tasks.size());
        return m;
    }

    // ---- get_optimal_agent_count / get_desired_agent_count --------------------------------------------------

    public Map<String, Object> optimalAgentCount(String projectId, boolean details) {
        Project project = projects.resolve(projectId);
        List<Task> tasks = storage.listTasks(project.id());
        Schedule cpm = Schedule.of(tasks);
        int optimal = cpm.recommendedAgents();
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("optimal_agents", optimal);
        out.putAll(cpm.summary());
        out.put("total_work_hours", round(cpm.totalWorkHours(), 2));
        out.put("efficiency", optimal == 0 || cpm.criticalPathHours() == 0 ? 0.0
                : round(cpm.totalWorkHours() / (optimal * cpm.criticalPathHours()), 3));
        out.put("method", "critical-path method over the unfinished dependency graph with unlimited workers; "
                + "optimal = peak number of tasks running at once in the earliest-start schedule");
        if (details) {
            Map<TaskId, Task> byId = Records.byId(tasks);
            List<Map<String, Object>> schedule = new ArrayList<>();
            for (TaskId id : cpm.scheduledTasks()) {
                Map<String, Object> m = taskRef(byId.get(id));
                m.put("hours", round(cpm.hours(id).orElseThrow(), 2));
                m.put("earliest_start", round(cpm.earliestStart(id).orElseThrow(), 2));
                m.put("earliest_finish", round(cpm.earliestFinish(id).orElseThrow(), 2));
                m.put("slack_hours", round(cpm.slack(id).orElseThrow(), 2));
                m.put("on_critical_path", cpm.onCriticalPath(id));
                schedule.add(m);
            }
            out.put("schedule", schedule);
        }
        return out;
    }

    public Map<String, Object> desiredAgentCount(String projectId, Integer maxAgents) {
        if (maxAgents != null && (maxAgents < 0 || maxAgents > 10_000)) {
            throw new ValidationException("max_agents", "must be between 0 and 10000");
        }
        Project project = projects.resolve(projectId);
        List<Task> tasks = storage.listTasks(project.id());
        List<Agent> agents = storage.listAgents(project.id());
        int ready = storage.readyTasks(project.id(), 10_000).size();
        int working = (int) tasks.stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS).count();
        int optimal = Schedule.of(tasks).recommendedAgents();
        int demand = working + ready;
        int desired = Math.min(demand, Math.max(optimal, working));
        if (maxAgents != null) {
            desired = Math.min(desired, maxAgents);
        }
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("desired_agents", desired);
        out.put("ready_tasks", ready);
        out.put("in_progress_tasks", working);
        out.put("optimal_agents", optimal);
        out.put("registered_agents", agents.size());
        out.put("max_agents", maxAgents);
        out.put("scale", desired > agents.size() ? "up" : desired < agents.size() ? "down" : "hold");
        out.put("project_complete", project.isComplete());
        return out;
    }

    private Task requireTask(String taskId) {
        TaskId id = TaskId.parse("task_id", taskId);
        return storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id",
                "task '" + taskId + "' does not exist"));
    }

    static Map<String, Integer> histogram(List<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        keys.forEach(k -> m.merge(k, 1, Integer::sum));
        return m;
    }
}
