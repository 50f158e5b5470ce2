package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.round;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code get_system_metrics}, {@code get_agent_metrics}, {@code get_project_metrics}, {@code get_task_metrics}. */
@Singleton
public final class MetricsService {
    public static final List<String> GROUP_BY = List.of("status", "priority", "assignee", "label");

    private final StorageBackend storage;
    private final ProjectService projects;
    private final Clock clock;

    @Inject
    public MetricsService(StorageBackend storage, ProjectService projects, Clock clock) {
        this.storage = storage;
        this.projects = projects;
        this.clock = clock;
    }

    public Map<String, Object> system(String window) {
        TimeWindow w = TimeWindow.parse("time_window", window);
        Instant now = clock.now();
        Instant from = now.minus(w.duration());
        List<Project> live = Records.liveProjects(storage);
        List<Agent> agents = Records.agents(storage, live);
        List<Task> tasks = new ArrayList<>();
        live.forEach(p -> tasks.addAll(storage.listTasks(p.id())));
        List<Event> events = Records.events(storage, null).stream().filter(e -> !e.at().isBefore(from)).toList();
        List<Records.Attempt> done = Records.attempts(Records.events(storage, null)).stream()
                .filter(a -> a.outcome() == Records.Outcome.COMPLETED && !a.end().isBefore(from)).toList();
        long completed = count(events, EventType.TASK_COMPLETED, true);
        Map<String, Object> out = map();
        out.put("time_window", w.label());
        out.put("from", time(from));
        out.put("to", time(now));
        out.put("projects_total", live.size());
        out.put("projects_active", live.stream().filter(p -> !p.isComplete()).count());
        out.put("agents_total", agents.size());
        out.put("agents_active", agents.stream().filter(a -> !a.lastSeenAt().isBefore(from)).count());
        out.put("agents_working", agents.stream().filter(a -> a.currentTask() != null).count());
        out.put("task_counts", BoardHealthService.counts(tasks));
        out.put("tasks_completed", completed);
        out.put("tasks_assigned", count(events, EventType.TASK_ASSIGNED, false));
        out.put("blockers_reported", count(events, EventType.TASK_BLOCKED, false));
        out.put("leases_recovered", count(events, EventType.LEASE_RECOVERED, false));
        out.put("throughput_per_hour", round(completed / w.hours(), 3));
        out.put("avg_task_hours", done.isEmpty() ? null : round(Reports.mean(done.stream().map(Records.Attempt::hours).toList()), 3));
        out.put("events", events.size());
        return out;
    }

    public Map<String, Object> agent(String agentId, String window) {
        TimeWindow w = TimeWindow.parse("time_window", window);
        AgentId id = AgentId.parse("agent_id", agentId);
        Agent agent = storage.findAgent(id).orElseThrow(() -> new NotFoundException("agent_id",
                "agent '" + agentId + "' is not registered"));
        Instant from = clock.now().minus(w.duration());
        List<Event> all = Records.events(storage, null);
        List<Records.Attempt> attempts = Records.attempts(all).stream()
                .filter(a -> id.equals(a.agent()) && (a.end() == null || !a.end().isBefore(from))).toList();
        Map<TaskId, Task> tasks = new LinkedHashMap<>();
        for (Records.Attempt a : attempts) {
            storage.findTask(a.task()).ifPresent(t -> tasks.put(t.id(), t));
        }
        List<Event> inWindow = all.stream().filter(e -> !e.at().isBefore(from) && id.equals(e.agentId())).toList();
        Map<String, Object> out = agentFigures(agent, attempts, tasks, inWindow);
        out.put("time_window", w.label());
        out.put("from", time(from));
        return out;
    }

    /** Outcome figures of one agent from its attempts; tokens and cost from the events it caused. */
    static Map<String, Object> agentFigures(Agent agent, List<Records.Attempt> attempts, Map<TaskId, Task> tasks,
                                            List<Event> events) {
        int completed = 0;
        int blocked = 0;
        int recovered = 0;
        List<Double> hours = new ArrayList<>();
        Map<String, int[]> perLabel = new LinkedHashMap<>();
        for (Records.Attempt a : attempts) {
            if (!a.finished()) {
                continue;
            }
            boolean ok = a.outcome() == Records.Outcome.COMPLETED;
            if (ok) {
                completed++;
                hours.add(a.hours());
            } else if (a.outcome() == Records.Outcome.BLOCKED) {
                blocked++;
            } else {
                recovered++;
            }
            Task t = tasks.get(a.task());
            if (t != null) {
                for (String label : t.labels()) {
                    int[] c = perLabel.computeIfAbsent(label, k -> new int[2]);
                    c[1]++;
                    if (ok) {
                        c[0]++;
                    }
                }
            }
        }
        int finished = completed + blocked + recovered;
        long tokens = 0;
        double cost = 0;
        for (Event e : events) {
            if (agent.id().equals(e.agentId())) {
                tokens += Records.tokens(e);
                cost += Records.cost(e);
            }
        }
        Map<String, Object> labels = new LinkedHashMap<>();
        perLabel.forEach((label, c) -> {
            Map<String, Object> m = map();
            m.put("completed", c[0]);
            m.put("attempts", c[1]);
            m.put("success_rate", round((double) c[0] / c[1], 3));
            labels.put(label, m);
        });
        Map<String, Object> out = map();
        out.put("agent_id", agent.id().value());
        out.put("name", agent.name());
        out.put("project_id", agent.projectId().value());
        out.put("skills", agent.skills());
        out.put("status", agent.status().wire());
        out.put("current_task_id", agent.currentTask() == null ? null : agent.currentTask().value());
        out.put("tasks_completed", completed);
        out.put("tasks_blocked", blocked);
        out.put("tasks_recovered", recovered);
        out.put("success_rate", finished == 0 ? null : round((double) completed / finished, 3));
        out.put("avg_task_hours", hours.isEmpty() ? null : round(Reports.mean(hours), 3));
        out.put("median_task_hours", hours.isEmpty() ? null : round(Reports.median(hours), 3));
        out.put("per_label", labels);
        out.put("tokens_used", tokens);
        out.put("cost_usd", round(cost, 4));
        out.put("last_seen_at", time(agent.lastSeenAt()));
        return out;
    }

    public Map<String, Object> project(String projectId, String window) {
        TimeWindow w = TimeWindow.parse("time_window", window);
        Project project = projects.resolve(projectId);
        Instant now = clock.now();
        Instant from = now.minus(w.duration());
        List<Task> tasks = storage.listTasks(project.id());
        List<Event> events = Records.events(storage, project.id());
        List<Records.Attempt> attempts = Records.attempts(events);
        List<Records.Attempt> doneInWindow = attempts.stream()
                .filter(a -> a.outcome() == Records.Outcome.COMPLETED && !a.end().isBefore(from)).toList();
        List<Double> ratios = Records.estimateRatios(attempts, Records.byId(tasks), null);
        List<Event> recent = events.stream().filter(e -> !e.at().isBefore(from)).toList();
        double days = w.hours() / 24.0;
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("project_name", project.name());
        out.put("time_window", w.label());
        out.put("task_counts", BoardHealthService.counts(tasks));
        out.put("completion_percentage", storage.countTasks(project.id()).completionPercentage());
        out.put("tasks_completed_in_window", doneInWindow.size());
        out.put("velocity_per_day", round(doneInWindow.size() / days, 3));
        out.put("avg_task_hours", doneInWindow.isEmpty() ? null
                : round(Reports.mean(doneInWindow.stream().map(Records.Attempt::hours).toList()), 3));
        out.put("estimate_ratio_median", ratios.isEmpty() ? null : round(Reports.median(ratios), 3));
        out.put("blockers_in_window", count(recent, EventType.TASK_BLOCKED, false));
        out.put("decisions_in_window", count(recent, EventType.DECISION_LOGGED, false));
        out.put("artifacts_in_window", count(recent, EventType.ARTIFACT_LOGGED, false));
        out.put("agents", storage.listAgents(project.id()).size());
        out.put("remaining_critical_path_hours", round(new CriticalPath(tasks, 1.0, Map.of()).length, 2));
        out.put("tokens_used", tasks.stream().mapToLong(Task::tokensUsed).sum());
        out.put("cost_usd", round(tasks.stream().mapToDouble(Task::costUsd).sum(), 4));
        return out;
    }

    public Map<String, Object> tasks(String projectId, String window, String groupBy) {
        TimeWindow w = TimeWindow.parse("time_window", window);
        String by = groupBy == null || groupBy.isBlank() ? "status" : groupBy.strip().toLowerCase(Locale.ROOT);
        if (!GROUP_BY.contains(by)) {
            throw new ValidationException("group_by", "'" + groupBy + "' is not one of " + String.join(", ", GROUP_BY));
        }
        Project project = projects.resolve(projectId);
        Instant from = clock.now().minus(w.duration());
        List<Task> tasks = storage.listTasks(project.id()).stream()
                .filter(t -> !t.updatedAt().isBefore(from)).toList();
        List<Records.Attempt> attempts = Records.attempts(Records.events(storage, project.id()));
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        Map<String, List<Double>> hours = new LinkedHashMap<>();
        for (Task t : tasks) {
            Records.Attempt finishing = attempts.stream()
                    .filter(a -> a.task().equals(t.id()) && a.outcome() == Records.Outcome.COMPLETED)
                    .reduce((a, b) -> b).orElse(null);
            List<String> keys = switch (by) {
                case "status" -> List.of(t.status().wire());
                case "priority" -> List.of(t.priority().wire());
                case "assignee" -> List.of(t.assignee() != null ? t.assignee().value()
                        : finishing != null && finishing.agent() != null ? finishing.agent().value() : "unassigned");
                default -> t.labels().isEmpty() ? List.of("unlabelled") : t.labels();
            };
            for (String k : keys) {
                Map<String, Object> g = groups.computeIfAbsent(k, x -> {
                    Map<String, Object> m = map();
                    m.put("count", 0);
                    m.put("completed", 0);
                    m.put("in_progress", 0);
                    m.put("blocked", 0);
                    m.put("estimated_hours", 0.0);
                    return m;
                });
                g.merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
                if (t.status() == TaskStatus.DONE) {
                    g.merge("completed", 1, (a, b) -> (Integer) a + (Integer) b);
                } else if (t.status() == TaskStatus.IN_PROGRESS) {
                    g.merge("in_progress", 1, (a, b) -> (Integer) a + (Integer) b);
                } else if (t.status() == TaskStatus.BLOCKED) {
                    g.merge("blocked", 1, (a, b) -> (Integer) a + (Integer) b);
                }
                g.merge("estimated_hours", CriticalPath.hours(t), (a, b) -> (Double) a + (Double) b);
                if (finishing != null) {
                    hours.computeIfAbsent(k, x -> new ArrayList<>()).add(finishing.hours());
                }
            }
        }
        groups.forEach((k, g) -> {
            List<Double> h = hours.getOrDefault(k, List.of());
            g.put("avg_actual_hours", h.isEmpty() ? null : round(Reports.mean(h), 3));
            g.put("completion_rate", round(((Integer) g.get("completed")) / (double) (Integer) g.get("count"), 3));
        });
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("time_window", w.label());
        out.put("group_by", by);
        out.put("total_tasks", tasks.size());
        out.put("groups", groups);
        return out;
    }

    private static long count(List<Event> events, EventType type, boolean byAgentOnly) {
        return events.stream().filter(e -> e.type() == type && (!byAgentOnly || e.agentId() != null)).count();
    }

    static Set<String> distinctAgents(List<Event> events) {
        Set<String> s = new HashSet<>();
        events.stream().filter(e -> e.agentId() != null).forEach(e -> s.add(e.agentId().value()));
        return s;
    }
}
