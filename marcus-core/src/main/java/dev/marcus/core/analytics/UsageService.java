package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.round;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Experiment;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code get_usage_report} (activity per day) and {@code get_cost_summary} (tokens and cost reported with progress). */
@Singleton
public final class UsageService {
    private final StorageBackend storage;
    private final ProjectService projects;
    private final Clock clock;

    @Inject
    public UsageService(StorageBackend storage, ProjectService projects, Clock clock) {
        this.storage = storage;
        this.projects = projects;
        this.clock = clock;
    }

    public Map<String, Object> usage(int days) {
        if (days < 1 || days > 366) {
            throw new ValidationException("days", "must be between 1 and 366");
        }
        Instant now = clock.now();
        Instant from = now.minus(Duration.ofDays(days));
        List<Event> events = Records.events(storage, null).stream().filter(e -> !e.at().isBefore(from)).toList();
        Map<String, Map<String, Object>> perDay = new TreeMap<>();
        Map<String, java.util.Set<String>> agentsPerDay = new HashMap<>();
        Map<String, Long> byType = new TreeMap<>();
        for (Event e : events) {
            String day = LocalDate.ofInstant(e.at(), ZoneOffset.UTC).toString();
            Map<String, Object> d = perDay.computeIfAbsent(day, k -> {
                Map<String, Object> m = map();
                m.put("date", k);
                m.put("events", 0L);
                m.put("tasks_assigned", 0L);
                m.put("tasks_completed", 0L);
                m.put("blockers", 0L);
                m.put("decisions", 0L);
                m.put("artifacts", 0L);
                m.put("tokens_used", 0L);
                m.put("cost_usd", 0.0);
                return m;
            });
            d.merge("events", 1L, (a, b) -> (Long) a + (Long) b);
            String key = switch (e.type()) {
                case TASK_ASSIGNED -> "tasks_assigned";
                case TASK_COMPLETED -> e.agentId() == null ? null : "tasks_completed";
                case TASK_BLOCKED -> "blockers";
                case DECISION_LOGGED -> "decisions";
                case ARTIFACT_LOGGED -> "artifacts";
                default -> null;
            };
            if (key != null) {
                d.merge(key, 1L, (a, b) -> (Long) a + (Long) b);
            }
            d.merge("tokens_used", Records.tokens(e), (a, b) -> (Long) a + (Long) b);
            d.merge("cost_usd", Records.cost(e), (a, b) -> (Double) a + (Double) b);
            if (e.agentId() != null) {
                agentsPerDay.computeIfAbsent(day, k -> new java.util.HashSet<>()).add(e.agentId().value());
            }
            byType.merge(e.type().wire(), 1L, Long::sum);
        }
        perDay.forEach((day, d) -> {
            d.put("active_agents", agentsPerDay.getOrDefault(day, java.util.Set.of()).size());
            d.put("cost_usd", round((Double) d.get("cost_usd"), 4));
        });
        Map<String, Object> out = map();
        out.put("days", days);
        out.put("from", time(from));
        out.put("to", time(now));
        out.put("total_events", events.size());
        out.put("active_agents", MetricsService.distinctAgents(events).size());
        out.put("tasks_completed", events.stream().filter(e -> e.type() == EventType.TASK_COMPLETED && e.agentId() != null).count());
        out.put("tokens_used", events.stream().mapToLong(Records::tokens).sum());
        out.put("cost_usd", round(events.stream().mapToDouble(Records::cost).sum(), 4));
        out.put("events_by_type", byType);
        out.put("per_day", new ArrayList<>(perDay.values()));
        return out;
    }

    public Map<String, Object> cost(String runId, String projectId) {
        Experiment run = null;
        if (runId != null && !runId.isBlank()) {
            run = storage.findExperiment(runId.strip()).orElseThrow(() -> new NotFoundException("run_id",
                    "experiment run '" + runId + "' does not exist; get_experiment_status shows runs"));
        }
        ProjectId project = projectId != null && !projectId.isBlank() ? projects.resolve(projectId).id()
                : run != null ? run.projectId() : null;
        Instant now = clock.now();
        Instant from = run == null ? null : run.startedAt();
        Instant to = run == null ? null : run.endedAt() == null ? now : run.endedAt();
        List<Event> events = Records.events(storage, project).stream()
                .filter(e -> from == null || (!e.at().isBefore(from) && !e.at().isAfter(to))).toList();
        Map<String, long[]> agentTokens = new LinkedHashMap<>();
        Map<String, double[]> agentCost = new LinkedHashMap<>();
        Map<String, long[]> taskTokens = new LinkedHashMap<>();
        Map<String, double[]> taskCost = new LinkedHashMap<>();
        for (Event e : events) {
            long tk = Records.tokens(e);
            double c = Records.cost(e);
            if (tk == 0 && c == 0) {
                continue;
            }
            String a = e.agentId() == null ? "unknown" : e.agentId().value();
            agentTokens.computeIfAbsent(a, k -> new long[1])[0] += tk;
            agentCost.computeIfAbsent(a, k -> new double[1])[0] += c;
            if (e.taskId() != null) {
                taskTokens.computeIfAbsent(e.taskId().value(), k -> new long[1])[0] += tk;
                taskCost.computeIfAbsent(e.taskId().value(), k -> new double[1])[0] += c;
            }
        }
        long eventTokens = agentTokens.values().stream().mapToLong(x -> x[0]).sum();
        double eventCost = agentCost.values().stream().mapToDouble(x -> x[0]).sum();
        List<Map<String, Object>> perAgent = new ArrayList<>();
        agentTokens.forEach((a, t) -> {
            Map<String, Object> m = map();
            m.put("agent_id", a);
            m.put("tokens_used", t[0]);
            m.put("cost_usd", round(agentCost.get(a)[0], 4));
            perAgent.add(m);
        });
        List<Map<String, Object>> perTask = new ArrayList<>();
        taskTokens.forEach((id, t) -> {
            Map<String, Object> m = map();
            m.put("task_id", id);
            m.put("task_name", storage.findTask(new dev.marcus.core.model.TaskId(id)).map(Task::name).orElse(null));
            m.put("tokens_used", t[0]);
            m.put("cost_usd", round(taskCost.get(id)[0], 4));
            perTask.add(m);
        });
        Map<String, Object> out = map();
        out.put("run_id", run == null ? null : run.id());
        out.put("project_id", project == null ? null : project.value());
        out.put("from", time(from));
        out.put("to", time(to));
        if (run == null) {
            // the tasks' counters are authoritative: they include reports older than per-event spend
            List<Project> scope = project == null ? storage.listProjects()
                    : List.of(storage.findProject(project).orElseThrow());
            long tokens = 0;
            double cost = 0;
            for (Project p : scope) {
                for (Task t : storage.listTasks(p.id())) {
                    tokens += t.tokensUsed();
                    cost += t.costUsd();
                }
            }
            out.put("total_tokens", tokens);
            out.put("total_cost_usd", round(cost, 4));
            out.put("unattributed_tokens", Math.max(0, tokens - eventTokens));
        } else {
            out.put("total_tokens", eventTokens);
            out.put("total_cost_usd", round(eventCost, 4));
            out.put("unattributed_tokens", 0);
        }
        out.put("per_agent", perAgent);
        out.put("per_task", perTask);
        out.put("source", "tokens_used and cost_usd reported with report_task_progress");
        return out;
    }
}
