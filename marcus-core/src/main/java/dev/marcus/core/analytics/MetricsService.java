package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.round;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.DurationPolicy;
import dev.marcus.core.graph.Schedule;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code get_system_metrics}, {@code get_agent_metrics}, {@code get_project_metrics}, {@code get_task_metrics}, and
 * the dashboard's time series ({@link #timeline}).
 */
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
        Schedule schedule = Schedule.of(tasks);
        out.put("remaining_critical_path_hours", Schedule.round(schedule.criticalPathHours()));
        out.putAll(schedule.summary());
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
                g.merge("estimated_hours", DurationPolicy.estimate(t), (a, b) -> (Double) a + (Double) b);
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

    /** Bars drawn at most by {@link #timeline}: the most recent attempts win. */
    public static final int TIMELINE_MAX_BARS = 2_000;
    /** Cycle times listed at most by {@link #timeline}: the most recent completions win. */
    public static final int TIMELINE_MAX_CYCLES = 1_000;
    /** Points of the burn-down series at most. */
    public static final int BURNDOWN_POINTS = 120;

    /**
     * What the dashboard draws over time for one project: each agent's work attempts (swim lanes, from the event
     * log: assigned, then completed, blocked, unassigned or recovered), tasks completed per hour, cycle time per
     * completed task (first assignment to completion), remaining tasks over time (burn-down) and the pace at which
     * they are falling. Attempts and completions are those that touch the window; the burn-down starts at the
     * window's start or the project's first task, whichever is later.
     */
    public Map<String, Object> timeline(String projectId, String window) {
        TimeWindow w = TimeWindow.parse("time_window", window);
        Project project = projects.resolve(projectId);
        Instant now = clock.now();
        Instant from = now.minus(w.duration());
        List<Task> tasks = storage.listTasks(project.id());
        Map<TaskId, Task> byId = Records.byId(tasks);
        List<Records.Attempt> attempts = Records.attempts(Records.events(storage, project.id()));

        // swim lanes: one per registered agent (idle ones too), then any agent seen only in the log
        Map<String, Map<String, Object>> lanes = new LinkedHashMap<>();
        for (Agent a : storage.listAgents(project.id())) {
            lanes.put(a.id().value(), lane(a.id().value(), a.name()));
        }
        List<Records.Attempt> visible = attempts.stream()
                .filter(a -> a.agent() != null && (a.end() == null || !a.end().isBefore(from)))
                .sorted(Comparator.comparing(Records.Attempt::start))
                .toList();
        int skipped = Math.max(0, visible.size() - TIMELINE_MAX_BARS);
        for (Records.Attempt a : visible.subList(skipped, visible.size())) {
            Task t = byId.get(a.task());
            Map<String, Object> bar = map();
            bar.put("task_id", a.task().value());
            bar.put("task_name", t == null ? null : t.name());
            bar.put("start", time(a.start()));
            bar.put("end", time(a.end()));
            bar.put("outcome", a.outcome().name().toLowerCase(Locale.ROOT));
            bar.put("hours", a.end() == null ? null : round(a.hours(), 3));
            @SuppressWarnings("unchecked")
            List<Object> bars = (List<Object>) lanes.computeIfAbsent(a.agent().value(), id -> lane(id, id)).get("bars");
            bars.add(bar);
        }

        // completions per hour, oldest bucket first; the last bucket is the hour now running
        Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
        int buckets = (int) Duration.between(firstHour, now).toHours() + 1;
        int[] perHour = new int[buckets];
        Map<TaskId, Instant> firstStart = new LinkedHashMap<>();
        List<Map<String, Object>> cycles = new ArrayList<>();
        List<Double> cycleHours = new ArrayList<>();
        for (Records.Attempt a : attempts) {
            firstStart.putIfAbsent(a.task(), a.start());
            if (a.outcome() != Records.Outcome.COMPLETED || a.end().isBefore(from)) {
                continue;
            }
            int b = (int) Duration.between(firstHour, a.end()).toHours();
            if (b >= 0 && b < buckets) {
                perHour[b]++;
            }
            double hours = Duration.between(firstStart.get(a.task()), a.end()).toMillis() / 3_600_000.0;
            cycleHours.add(hours);
            Task t = byId.get(a.task());
            Map<String, Object> c = map();
            c.put("task_id", a.task().value());
            c.put("task_name", t == null ? null : t.name());
            c.put("agent_id", a.agent() == null ? null : a.agent().value());
            c.put("completed_at", time(a.end()));
            c.put("cycle_hours", round(hours, 4));
            c.put("work_hours", round(a.hours(), 4));
            c.put("estimated_hours", t == null ? null : t.estimatedHours());
            cycles.add(c);
        }
        List<Map<String, Object>> throughput = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            Map<String, Object> m = map();
            m.put("hour", time(firstHour.plus(Duration.ofHours(i))));
            m.put("completed", perHour[i]);
            throughput.add(m);
        }
        Map<String, Object> cycle = map();
        cycle.put("count", cycleHours.size());
        cycle.put("median_hours", cycleHours.isEmpty() ? null : round(Reports.median(cycleHours), 4));
        cycle.put("p90_hours", cycleHours.isEmpty() ? null : round(percentile(cycleHours, 90), 4));
        cycle.put("mean_hours", cycleHours.isEmpty() ? null : round(Reports.mean(cycleHours), 4));
        cycle.put("tasks", cycles.subList(Math.max(0, cycles.size() - TIMELINE_MAX_CYCLES), cycles.size()));

        // burn-down from the tasks' own creation and completion times (parents are not work)
        List<Instant> created = new ArrayList<>();
        List<Instant> completed = new ArrayList<>();
        for (Task t : tasks) {
            if (t.isParent()) {
                continue;
            }
            created.add(t.createdAt());
            if (t.isDone() && t.completedAt() != null) {
                completed.add(t.completedAt());
            }
        }
        Collections.sort(created);
        Collections.sort(completed);
        List<Map<String, Object>> burndown = new ArrayList<>();
        int remainingNow = created.size() - completed.size();
        if (!created.isEmpty()) {
            Instant start = created.get(0).isAfter(from) ? created.get(0) : from;
            long span = Math.max(1, Duration.between(start, now).toMillis());
            List<Instant> at = new ArrayList<>();
            for (int i = 0; i < BURNDOWN_POINTS; i++) {
                at.add(start.plusMillis(span * i / (BURNDOWN_POINTS - 1)));
            }
            // every completion inside the window is a corner of the line, when there are few of them
            if (completed.size() <= BURNDOWN_POINTS) {
                completed.stream().filter(c -> c.isAfter(start) && c.isBefore(now)).forEach(at::add);
            }
            at.sort(null);
            for (Instant t : at) {
                Map<String, Object> m = map();
                m.put("at", time(t));
                m.put("remaining", countUpTo(created, t) - countUpTo(completed, t));
                burndown.add(m);
            }
        }
        long doneInWindow = completed.stream().filter(c -> !c.isBefore(from)).count();
        double perHourPace = doneInWindow / w.hours();
        Map<String, Object> pace = map();
        pace.put("completed_in_window", doneInWindow);
        pace.put("per_hour", round(perHourPace, 3));
        Double hoursLeft = remainingNow == 0 ? Double.valueOf(0) : perHourPace == 0 ? null
                : Double.valueOf(round(remainingNow / perHourPace, 3));
        pace.put("hours_left", hoursLeft);
        pace.put("completion", hoursLeft == null ? null : time(now.plusMillis(Math.round(hoursLeft * 3_600_000))));

        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("time_window", w.label());
        out.put("from", time(from));
        out.put("to", time(now));
        out.put("lanes", new ArrayList<>(lanes.values()));
        out.put("bars_left_out", skipped);
        out.put("throughput_per_hour", throughput);
        out.put("cycle_time", cycle);
        out.put("remaining_tasks", remainingNow);
        out.put("burndown", burndown);
        out.put("pace", pace);
        return out;
    }

    private static Map<String, Object> lane(String agentId, String name) {
        Map<String, Object> m = map();
        m.put("agent_id", agentId);
        m.put("name", name);
        m.put("bars", new ArrayList<>());
        return m;
    }

    /** How many of the sorted instants are at or before {@code t}. */
    private static int countUpTo(List<Instant> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
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
