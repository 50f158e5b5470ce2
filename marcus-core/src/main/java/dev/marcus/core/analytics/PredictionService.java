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
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Predictions from recorded outcomes: how long tasks really took against their estimates, how often attempts ended
 * blocked, and each agent's success on tasks with the same labels. The formulas are in {@code docs/analytics.md}.
 */
@Singleton
public final class PredictionService {
    /** Spread assumed for the completion interval before two samples exist. */
    static final double DEFAULT_SPREAD = 0.5;

    private final StorageBackend storage;
    private final ProjectService projects;
    private final Clock clock;

    @Inject
    public PredictionService(StorageBackend storage, ProjectService projects, Clock clock) {
        this.storage = storage;
        this.projects = projects;
        this.clock = clock;
    }

    /** What the predictions read about one project. */
    private record Evidence(List<Task> tasks, Map<TaskId, Task> byId, List<Records.Attempt> attempts, List<Double> ratios) {
        double ratio() {
            return ratios.isEmpty() ? 1.0 : Reports.median(ratios);
        }
    }

    private Evidence evidence(Project p) {
        List<Task> tasks = storage.listTasks(p.id());
        Map<TaskId, Task> byId = Records.byId(tasks);
        List<Records.Attempt> attempts = Records.attempts(Records.events(storage, p.id()));
        return new Evidence(tasks, byId, attempts, Records.estimateRatios(attempts, byId, null));
    }

    public Map<String, Object> completionTime(String projectId, boolean includeConfidence) {
        Project project = projects.resolve(projectId);
        Evidence ev = evidence(project);
        double ratio = ev.ratio();
        Schedule cpm = Schedule.of(ev.tasks(), new DurationPolicy(ratio), Map.of());
        int workers = Math.max(1, storage.listAgents(project.id()).size());
        double hours = Math.max(cpm.criticalPathHours(), cpm.totalWorkHours() / workers);
        Instant now = clock.now();
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("remaining_tasks", ev.tasks().stream().filter(t -> !t.isDone() && !t.isParent()).count());
        out.put("remaining_work_hours", round(cpm.totalWorkHours(), 3));
        out.put("critical_path_hours", round(cpm.criticalPathHours(), 3));
        out.put("workers", workers);
        out.put("estimate_ratio", round(ratio, 3));
        out.put("samples", ev.ratios().size());
        out.put("predicted_hours", round(hours, 3));
        out.put("predicted_completion", time(now.plus(Duration.ofMillis(Math.round(hours * 3_600_000)))));
        if (includeConfidence) {
            int n = ev.ratios().size();
            double spread = n >= 2 ? Reports.stddev(ev.ratios()) / Reports.mean(ev.ratios()) : DEFAULT_SPREAD;
            Map<String, Object> c = map();
            c.put("confidence", round(n / (n + 5.0), 3));
            c.put("spread", round(spread, 3));
            c.put("optimistic_hours", round(hours * Math.max(0, 1 - spread), 3));
            c.put("pessimistic_hours", round(hours * (1 + spread), 3));
            out.put("confidence_interval", c);
        }
        out.put("project_complete", project.isComplete());
        return out;
    }

    public Map<String, Object> taskOutcome(String taskId, String agentId) {
        Task task = requireTask(taskId);
        Project project = projects.resolve(task.projectId().value());
        Evidence ev = evidence(project);
        AgentId agent = agentId == null || agentId.isBlank() ? null : requireAgent(agentId).id();
        int[] sb = tally(ev, task, agent);
        int s = sb[0];
        int b = sb[1];
        int n = sb[2];
        List<Double> agentRatios = agent == null ? List.of() : Records.estimateRatios(ev.attempts(), ev.byId(), agent);
        double ratio = agentRatios.isEmpty() ? ev.ratio() : Reports.median(agentRatios);
        Map<String, Object> out = map();
        out.put("task_id", task.id().value());
        out.put("agent_id", agent == null ? null : agent.value());
        out.put("success_probability", round((s + 1.0) / (n + 2.0), 3));
        out.put("blockage_probability", round((b + 1.0) / (n + 2.0), 3));
        out.put("expected_hours", round(DurationPolicy.estimate(task) * ratio, 3));
        out.put("estimate_ratio", round(ratio, 3));
        out.put("evidence", evidenceView(s, b, n, task));
        List<String> risks = new ArrayList<>();
        if (n == 0) {
            risks.add("no recorded outcome on tasks with these labels; the prior (50%) applies");
        }
        if (b * 2 > n && n > 0) {
            risks.add("most similar attempts ended blocked");
        }
        if (ratio > 1.5) {
            risks.add("similar work took " + round(ratio, 1) + "x its estimate");
        }
        out.put("risk_factors", risks);
        return out;
    }

    public Map<String, Object> blockage(String taskId, boolean includeMitigation) {
        Task task = requireTask(taskId);
        Project project = projects.resolve(task.projectId().value());
        Evidence ev = evidence(project);
        int[] sb = tally(ev, task, null);
        double base = (sb[1] + 1.0) / (sb[2] + 2.0);
        TaskGraph graph = new TaskGraph(ev.tasks());
        List<String> blockedUpstream = graph.upstreamOf(task.id()).stream()
                .filter(id -> ev.byId().get(id) != null && ev.byId().get(id).status() == TaskStatus.BLOCKED)
                .map(TaskId::value).toList();
        double p = 1 - (1 - base) * Math.pow(0.5, blockedUpstream.size());
        Map<String, Object> out = map();
        out.put("task_id", task.id().value());
        out.put("blockage_probability", round(p, 3));
        out.put("historical_rate", round(base, 3));
        out.put("blocked_upstream", blockedUpstream);
        out.put("risk_level", p >= 0.6 ? "high" : p >= 0.3 ? "medium" : "low");
        out.put("evidence", evidenceView(sb[0], sb[1], sb[2], task));
        if (includeMitigation) {
            List<String> m = new ArrayList<>();
            if (!blockedUpstream.isEmpty()) {
                m.add("Unblock the upstream task(s) " + blockedUpstream + " first.");
            }
            if (base >= 0.3) {
                m.add("Tasks with these labels were often blocked: give the task clearer acceptance criteria and"
                        + " the decisions of its dependencies before assigning it.");
            }
            if (task.acceptanceCriteria().isEmpty()) {
                m.add("Add acceptance criteria so the agent knows when it is done.");
            }
            if (m.isEmpty()) {
                m.add("No specific risk found; keep progress reports coming to hold the lease.");
            }
            out.put("mitigations", m);
        }
        return out;
    }

    public Map<String, Object> cascade(String taskId, double delayDays) {
        if (!(delayDays >= 0) || delayDays > 365) {
            throw new ValidationException("delay_days", "must be between 0 and 365");
        }
        Task task = requireTask(taskId);
        List<Task> tasks = storage.listTasks(task.projectId());
        double delayHours = delayDays * 24;
        Schedule before = Schedule.of(tasks);
        Schedule after = Schedule.of(tasks, DurationPolicy.ESTIMATES, Map.of(task.id(), delayHours));
        Map<TaskId, Task> byId = Records.byId(tasks);
        List<Map<String, Object>> affected = new ArrayList<>();
        for (TaskId id : new TaskGraph(tasks).downstreamOf(task.id())) {
            OptionalDouble b = before.earliestFinish(id);
            OptionalDouble a = after.earliestFinish(id);
            if (b.isPresent() && a.isPresent() && a.getAsDouble() - b.getAsDouble() > 1e-9) {
                Map<String, Object> m = Reports.taskRef(byId.get(id));
                m.put("delay_hours", round(a.getAsDouble() - b.getAsDouble(), 3));
                m.put("slack_hours_before", round(before.slack(id).orElseThrow(), 3));
                affected.add(m);
            }
        }
        Map<String, Object> out = map();
        out.put("task_id", task.id().value());
        out.put("delay_days", delayDays);
        out.put("delay_hours", round(delayHours, 3));
        out.put("task_done", task.isDone());
        out.put("task_slack_hours", before.slack(task.id()).isPresent() ? round(before.slack(task.id()).getAsDouble(), 3) : null);
        out.put("affected_tasks", affected);
        out.put("affected_count", affected.size());
        out.put("project_delay_hours", round(after.criticalPathHours() - before.criticalPathHours(), 3));
        out.put("critical_path_hours_before", round(before.criticalPathHours(), 3));
        out.put("critical_path_hours_after", round(after.criticalPathHours(), 3));
        return out;
    }

    public Map<String, Object> assignmentScore(String taskId, String agentId) {
        Task task = requireTask(taskId);
        Agent agent = requireAgent(agentId);
        Project project = projects.resolve(task.projectId().value());
        Evidence ev = evidence(project);
        long matched = task.labels().stream().filter(agent.skills()::contains).count();
        double skill = task.labels().isEmpty() ? 1.0 : (double) matched / task.labels().size();
        int[] sb = tally(ev, task, agent.id());
        double success = (sb[0] + 1.0) / (sb[2] + 2.0);
        List<Double> agentRatios = Records.estimateRatios(ev.attempts(), ev.byId(), agent.id());
        double speed = agentRatios.isEmpty() ? 0.5
                : Math.max(0, Math.min(1, ev.ratio() / Reports.median(agentRatios)));
        double availability = agent.currentTask() == null ? 1.0 : 0.0;
        double score = 100 * (0.4 * skill + 0.3 * success + 0.2 * speed + 0.1 * availability);
        Map<String, Object> components = map();
        components.put("skill_match", round(skill, 3));
        components.put("success_rate", round(success, 3));
        components.put("speed", round(speed, 3));
        components.put("availability", availability);
        Map<String, Object> out = map();
        out.put("task_id", task.id().value());
        out.put("agent_id", agent.id().value());
        out.put("score", round(score, 1));
        out.put("components", components);
        out.put("weights", Map.of("skill_match", 0.4, "success_rate", 0.3, "speed", 0.2, "availability", 0.1));
        out.put("recommendation", score >= 70 ? "good fit" : score >= 45 ? "acceptable" : "poor fit");
        out.put("evidence", evidenceView(sb[0], sb[1], sb[2], task));
        return out;
    }

    /**
     * Finished attempts on tasks that share a label with {@code task} (every task when it has none), optionally
     * by one agent: {completed, blocked, finished}.
     */
    private static int[] tally(Evidence ev, Task task, AgentId agent) {
        int s = 0;
        int b = 0;
        int n = 0;
        for (Records.Attempt a : ev.attempts()) {
            Task t = ev.byId().get(a.task());
            if (!a.finished() || t == null || (agent != null && !agent.equals(a.agent()))) {
                continue;
            }
            if (!task.labels().isEmpty() && t.labels().stream().noneMatch(task.labels()::contains)) {
                continue;
            }
            n++;
            if (a.outcome() == Records.Outcome.COMPLETED) {
                s++;
            } else if (a.outcome() == Records.Outcome.BLOCKED) {
                b++;
            }
        }
        return new int[] {s, b, n};
    }

    private static Map<String, Object> evidenceView(int s, int b, int n, Task task) {
        Map<String, Object> m = map();
        m.put("similar_attempts", n);
        m.put("completed", s);
        m.put("blocked", b);
        m.put("matched_on_labels", task.labels());
        return m;
    }

    private Task requireTask(String taskId) {
        TaskId id = TaskId.parse("task_id", taskId);
        return storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id", "task '" + taskId + "' does not exist"));
    }

    private Agent requireAgent(String agentId) {
        AgentId id = AgentId.parse("agent_id", agentId);
        return storage.findAgent(id).orElseThrow(() -> new NotFoundException("agent_id",
                "agent '" + agentId + "' is not registered"));
    }
}
