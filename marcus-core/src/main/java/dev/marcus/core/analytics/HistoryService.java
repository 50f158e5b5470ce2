package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.round;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.ArtifactType;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.graph.TaskGraph;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** {@code query_project_history} and {@code list_project_history_files}: a project's record, read back and filtered. */
@Singleton
public final class HistoryService {
    /** The query types of {@code query_project_history}. */
    public static final List<String> QUERY_TYPES = List.of("summary", "tasks", "blocked_tasks", "task_dependencies",
            "decisions", "artifacts", "agent_history", "agent_metrics", "timeline", "conversations");

    private final StorageBackend storage;
    private final ProjectService projects;

    @Inject
    public HistoryService(StorageBackend storage, ProjectService projects) {
        this.storage = storage;
        this.projects = projects;
    }

    /** Filters of a history query; every field may be {@code null}. */
    public record Filters(String status, String agentId, String taskId, String artifactType, String eventType,
                          String keyword, String startTime, String endTime, Integer limit) {
        public static final Filters NONE = new Filters(null, null, null, null, null, null, null, null, null);
    }

    public Map<String, Object> query(String projectId, String queryType, Filters f) {
        if (projectId == null || projectId.isBlank()) {
            throw new ValidationException("project_id", "is required");
        }
        Project project = projects.resolve(projectId);
        String type = queryType == null ? "" : queryType.strip().toLowerCase(Locale.ROOT);
        if (!QUERY_TYPES.contains(type)) {
            throw new ValidationException("query_type", "'" + queryType + "' is not one of " + String.join(", ", QUERY_TYPES));
        }
        Instant from = instant("start_time", f.startTime());
        Instant to = instant("end_time", f.endTime());
        int limit = f.limit() == null ? 100 : f.limit();
        if (limit < 1 || limit > 10_000) {
            throw new ValidationException("limit", "must be between 1 and 10000");
        }
        TaskStatus status = f.status() == null || f.status().isBlank() ? null : TaskStatus.parse("status", f.status());
        ArtifactType artifactType = f.artifactType() == null || f.artifactType().isBlank() ? null
                : ArtifactType.parse("artifact_type", f.artifactType());
        EventType eventType = f.eventType() == null || f.eventType().isBlank() ? null
                : EventType.parse("event_type", f.eventType());
        String keyword = f.keyword() == null || f.keyword().isBlank() ? null : f.keyword().strip().toLowerCase(Locale.ROOT);
        Predicate<Instant> inTime = t -> t != null && (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));

        List<Task> tasks = storage.listTasks(project.id());
        List<TaskId> ids = tasks.stream().map(Task::id).toList();
        List<Event> events = Records.events(storage, project.id());
        List<Records.Attempt> attempts = Records.attempts(events);
        List<Object> results = new ArrayList<>();
        Map<String, Object> out = map();
        out.put("project_id", project.id().value());
        out.put("project_name", project.name());
        out.put("query_type", type);
        switch (type) {
            case "summary" -> {
                Map<String, Object> s = map();
                s.put("project", projectView(project));
                s.put("task_counts", BoardHealthService.counts(tasks));
                s.put("agents", storage.listAgents(project.id()).size());
                s.put("decisions", storage.decisionsFor(ids).size());
                s.put("artifacts", storage.artifactsFor(ids).size());
                s.put("blockers", tasks.stream().mapToInt(t -> storage.blockersFor(t.id()).size()).sum());
                s.put("events", events.size());
                s.put("first_event_at", events.isEmpty() ? null : time(events.get(0).at()));
                s.put("last_event_at", events.isEmpty() ? null : time(events.get(events.size() - 1).at()));
                s.put("tokens_used", tasks.stream().mapToLong(Task::tokensUsed).sum());
                s.put("cost_usd", round(tasks.stream().mapToDouble(Task::costUsd).sum(), 4));
                results.add(s);
            }
            case "tasks" -> {
                for (Task t : tasks) {
                    boolean byAgent = f.agentId() == null || f.agentId().equals(t.assignee() == null ? null : t.assignee().value())
                            || attempts.stream().anyMatch(a -> a.task().equals(t.id()) && a.agent() != null
                            && a.agent().value().equals(f.agentId()));
                    if ((status == null || t.status() == status) && byAgent
                            && (f.taskId() == null || t.id().value().equals(f.taskId()))
                            && (keyword == null || contains(keyword, t.name(), t.description()))
                            && (from == null && to == null || inTime.test(t.createdAt()))) {
                        Map<String, Object> m = Reports.taskRef(t);
                        m.put("priority", t.priority().wire());
                        m.put("dependencies", t.dependencies().stream().map(TaskId::value).toList());
                        m.put("estimated_hours", t.estimatedHours());
                        m.put("progress", t.progress());
                        m.put("created_at", time(t.createdAt()));
                        m.put("completed_at", time(t.completedAt()));
                        results.add(m);
                    }
                }
            }
            case "blocked_tasks" -> {
                for (Task t : tasks) {
                    for (Blocker b : storage.blockersFor(t.id())) {
                        if ((f.agentId() == null || b.agentId().value().equals(f.agentId()))
                                && (f.taskId() == null || t.id().value().equals(f.taskId()))
                                && (status == null || t.status() == status)
                                && (keyword == null || contains(keyword, b.description(), t.name()))
                                && inTime.test(b.createdAt())) {
                            Map<String, Object> m = map();
                            m.put("task", Reports.taskRef(t));
                            m.put("blocker_id", b.id());
                            m.put("agent_id", b.agentId().value());
                            m.put("description", b.description());
                            m.put("severity", b.severity().wire());
                            m.put("created_at", time(b.createdAt()));
                            m.put("resolved_at", time(b.resolvedAt()));
                            m.put("still_blocked", t.status() == TaskStatus.BLOCKED);
                            results.add(m);
                        }
                    }
                }
            }
            case "task_dependencies" -> {
                TaskGraph graph = new TaskGraph(tasks);
                for (Task t : tasks) {
                    if ((f.taskId() == null || t.id().value().equals(f.taskId())) && (status == null || t.status() == status)
                            && (keyword == null || contains(keyword, t.name(), t.description()))) {
                        Map<String, Object> m = Reports.taskRef(t);
                        m.put("dependencies", t.dependencies().stream().map(TaskId::value).toList());
                        m.put("dependents", graph.dependentsOf(t.id()).stream().map(TaskId::value).toList());
                        m.put("on_critical_path", graph.schedule().onCriticalPath(t.id()));
                        results.add(m);
                    }
                }
            }
            case "decisions" -> {
                for (Decision d : storage.decisionsFor(ids)) {
                    if ((f.agentId() == null || d.agentId().value().equals(f.agentId()))
                            && (f.taskId() == null || d.taskId().value().equals(f.taskId()))
                            && (keyword == null || contains(keyword, d.text())) && inTime.test(d.createdAt())) {
                        results.add(decisionView(d));
                    }
                }
            }
            case "artifacts" -> {
                for (Artifact a : storage.artifactsFor(ids)) {
                    if ((artifactType == null || a.type() == artifactType)
                            && (f.taskId() == null || a.taskId().value().equals(f.taskId()))
                            && (keyword == null || contains(keyword, a.filename(), a.description(), a.location()))
                            && inTime.test(a.createdAt())) {
                        results.add(artifactView(a));
                    }
                }
            }
            case "agent_history" -> {
                Map<TaskId, Task> byId = Records.byId(tasks);
                for (Records.Attempt a : attempts) {
                    if (a.agent() != null && (f.agentId() == null || a.agent().value().equals(f.agentId()))
                            && (f.taskId() == null || a.task().value().equals(f.taskId())) && inTime.test(a.start())) {
                        Map<String, Object> m = map();
                        m.put("agent_id", a.agent().value());
                        m.put("task_id", a.task().value());
                        m.put("task_name", byId.containsKey(a.task()) ? byId.get(a.task()).name() : null);
                        m.put("outcome", a.outcome().name().toLowerCase(Locale.ROOT));
                        m.put("started_at", time(a.start()));
                        m.put("ended_at", time(a.end()));
                        m.put("hours", a.end() == null ? null : round(a.hours(), 3));
                        results.add(m);
                    }
                }
            }
            case "agent_metrics" -> {
                for (Agent a : storage.listAgents(project.id())) {
                    if (f.agentId() == null || a.id().value().equals(f.agentId())) {
                        results.add(MetricsService.agentFigures(a, attempts.stream()
                                .filter(x -> a.id().equals(x.agent())).toList(), Records.byId(tasks), events));
                    }
                }
            }
            case "timeline", "conversations" -> {
                boolean talk = type.equals("conversations");
                for (Event e : events) {
                    if ((!talk || isConversation(e)) && (eventType == null || e.type() == eventType)
                            && (f.agentId() == null || (e.agentId() != null && e.agentId().value().equals(f.agentId())))
                            && (f.taskId() == null || (e.taskId() != null && e.taskId().value().equals(f.taskId())))
                            && (keyword == null || e.data().values().stream().anyMatch(v -> contains(keyword, v)))
                            && inTime.test(e.at())) {
                        results.add(talk ? message(e) : eventView(e));
                    }
                }
            }
            default -> throw new IllegalStateException(type);
        }
        out.put("total", results.size());
        out.put("truncated", results.size() > limit);
        out.put("results", results.size() > limit ? results.subList(results.size() - limit, results.size()) : results);
        return out;
    }

    /** The project's record sets; Marcus keeps history in its store, not in per-project JSON files. */
    public Map<String, Object> historyFiles() {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Project p : storage.listProjects()) {
            List<Task> tasks = storage.listTasks(p.id());
            List<TaskId> ids = tasks.stream().map(Task::id).toList();
            Map<String, Object> m = projectView(p);
            m.put("location", storage.describe());
            Map<String, Object> records = new LinkedHashMap<>();
            records.put("tasks", tasks.size());
            records.put("events", Records.events(storage, p.id()).size());
            records.put("decisions", storage.decisionsFor(ids).size());
            records.put("artifacts", storage.artifactsFor(ids).size());
            m.put("records", records);
            m.put("query_types", QUERY_TYPES);
            files.add(m);
        }
        Map<String, Object> out = map();
        out.put("store", storage.describe());
        out.put("note", "history lives in Marcus's store; read it with query_project_history (project_id, query_type)");
        out.put("projects", files);
        out.put("count", files.size());
        return out;
    }

    static Map<String, Object> projectView(Project p) {
        Map<String, Object> m = map();
        m.put("project_id", p.id().value());
        m.put("name", p.name());
        m.put("created_at", time(p.createdAt()));
        m.put("completed_at", time(p.completedAt()));
        m.put("archived_at", time(p.archivedAt()));
        return m;
    }

    private static final Set<EventType> TALK = Set.of(EventType.TASK_PROGRESS, EventType.TASK_COMPLETED,
            EventType.TASK_BLOCKED, EventType.DECISION_LOGGED, EventType.ARTIFACT_LOGGED, EventType.TASK_UNASSIGNED,
            EventType.LEASE_RECOVERED);

    /** Events that carry something said by an agent or about its work. */
    static boolean isConversation(Event e) {
        return TALK.contains(e.type());
    }

    static Map<String, Object> message(Event e) {
        Map<String, Object> m = map();
        m.put("at", time(e.at()));
        m.put("kind", e.type().wire());
        m.put("agent_id", e.agentId() == null ? null : e.agentId().value());
        m.put("task_id", e.taskId() == null ? null : e.taskId().value());
        String text = e.data().getOrDefault("message", e.data().getOrDefault("description",
                e.data().getOrDefault("decision", e.data().getOrDefault("filename", ""))));
        m.put("text", text);
        return m;
    }

    static Map<String, Object> eventView(Event e) {
        Map<String, Object> m = map();
        m.put("event_id", e.id());
        m.put("type", e.type().wire());
        m.put("at", time(e.at()));
        m.put("task_id", e.taskId() == null ? null : e.taskId().value());
        m.put("agent_id", e.agentId() == null ? null : e.agentId().value());
        m.put("data", e.data());
        return m;
    }

    private static boolean contains(String keyword, String... texts) {
        for (String t : texts) {
            if (t != null && t.toLowerCase(Locale.ROOT).contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + raw + "' is not an ISO-8601 time such as 2025-03-01T10:00:00Z");
        }
    }

    /** A decision as agents read it (history, task context): one definition for every adapter. */
    public static Map<String, Object> decisionView(Decision d) {
        Map<String, Object> m = map();
        m.put("decision_id", d.id());
        m.put("task_id", d.taskId().value());
        m.put("agent_id", d.agentId().value());
        m.put("decision", d.text());
        m.put("what", d.what());
        m.put("why", d.why());
        m.put("impact", d.impact());
        m.put("created_at", time(d.createdAt()));
        return m;
    }

    /** An artifact as agents read it (history, task context). */
    public static Map<String, Object> artifactView(Artifact a) {
        Map<String, Object> m = map();
        m.put("artifact_id", a.id());
        m.put("task_id", a.taskId().value());
        m.put("filename", a.filename());
        m.put("artifact_type", a.type().wire());
        m.put("location", a.location());
        m.put("description", a.description());
        m.put("size_bytes", a.sizeBytes());
        m.put("created_at", time(a.createdAt()));
        return m;
    }
}
