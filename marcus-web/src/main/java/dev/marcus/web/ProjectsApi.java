package dev.marcus.web;

import dev.marcus.core.graph.Schedule;
import dev.marcus.core.model.Role;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects: list, create from a description, status, and the board (tasks, agents, critical path). */
final class ProjectsApi implements ApiRoutes {
    private final ProjectService projects;
    private final AgentService agents;
    private final StorageBackend storage;
    private final Access access;

    ProjectsApi(ProjectService projects, AgentService agents, StorageBackend storage, Access access) {
        this.projects = projects;
        this.agents = agents;
        this.storage = storage;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/projects", this::list);
        r.post("/api/projects", this::create);
        r.get("/api/projects/{projectId}", this::status);
        r.get("/api/projects/{projectId}/board", this::board);
        r.get("/api/projects/{projectId}/tasks", this::tasks);
    }

    private void list(Context ctx) {
        access.require(ctx, Role.VIEWER, null);
        List<Map<String, Object>> out = new ArrayList<>();
        var active = projects.current().map(Project::id).orElse(null);
        for (Project p : projects.list()) {
            if (!access.canSee(ctx, p.id())) {
                continue;
            }
            Map<String, Object> m = Views.project(p);
            m.put("active", p.id().equals(active));
            m.putAll(counts(storage.countTasks(p.id())));
            out.add(m);
        }
        Map<String, Object> body = Views.ok();
        body.put("projects", out);
        ctx.json(body);
    }

    private void create(Context ctx) {
        access.require(ctx, Role.DEVELOPER, null);
        Body b = Body.of(ctx);
        String root = b.string("project_root");
        if (root != null && !root.isBlank()) {
            // a directory on the server, where artifacts will be written: an admin's choice
            access.require(ctx, Role.ADMIN, null);
        }
        var created = projects.create(b.required("name"), b.required("description"),
                new ProjectService.CreateOptions(root));
        Map<String, Object> body = Views.ok();
        body.put("project", Views.project(created.project()));
        body.put("task_count", created.tasks().size());
        body.put("phases", created.phases());
        body.put("dependencies", created.dependencies());
        body.put("recommended_agents", created.recommendedAgents());
        body.put("warnings", created.warnings());
        access.audit(ctx, "project.create", created.project().id().value(), null, created.project().name());
        ctx.status(201).json(body);
    }

    private void status(Context ctx) {
        Project p = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, p.id());
        ProjectService.ProjectStatus s = projects.status(p.id().value());
        Map<String, Object> body = Views.ok();
        Map<String, Object> project = Views.project(p);
        project.put("description", p.description());
        project.putAll(counts(s.counts()));
        project.put("workers_total", s.workersTotal());
        project.put("workers_active", s.workersActive());
        project.put("workers_paused", s.workersPaused());
        project.put("workers_available", s.workersAvailable());
        body.put("project", project);
        body.put("last_event_id", storage.lastEventId());
        ctx.json(body);
    }

    private void tasks(Context ctx) {
        Project p = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, p.id());
        Map<String, Object> body = Views.ok();
        body.put("tasks", Views.list(projects.tasks(p.id().value()), Views::task));
        ctx.json(body);
    }

    /** Everything the dashboard draws for one project, in one answer. */
    private void board(Context ctx) {
        Project p = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, p.id());
        List<Task> tasks = projects.tasks(p.id().value());
        List<Agent> team = agents.list(p.id().value());
        Map<String, Object> body = Views.ok();
        Map<String, Object> project = Views.project(p);
        project.put("description", p.description());
        body.put("project", project);
        TaskCounts c = storage.countTasks(p.id());
        body.put("counts", counts(c));
        body.put("decisions", storage.countDecisions(p.id()));
        body.put("artifacts", storage.countArtifacts(p.id()));
        body.put("blockers", tasks.stream().filter(t -> t.status() == TaskStatus.BLOCKED).count());
        body.put("agents", Views.list(team, Views::agent));
        body.put("active_agents", team.stream().filter(a -> a.currentTask() != null).count());
        List<Map<String, Object>> taskViews = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", t.id().value());
            v.put("name", t.name());
            v.put("status", t.status().wire());
            v.put("priority", t.priority().wire());
            v.put("labels", t.labels());
            v.put("dependencies", Views.ids(t.dependencies()));
            v.put("estimated_hours", t.estimatedHours());
            v.put("parent_task_id", t.parentId() == null ? null : t.parentId().value());
            v.put("assigned_to", t.assignee() == null ? null : t.assignee().value());
            v.put("progress", t.progress());
            v.put("lease_expires_at", Views.time(t.leaseExpiresAt()));
            v.put("last_message", t.lastMessage());
            v.put("completed_at", Views.time(t.completedAt()));
            v.put("created_at", Views.time(t.createdAt()));
            taskViews.add(v);
        }
        body.put("tasks", taskViews);
        // the core's schedule: the same critical path, hours and bottlenecks as get_project_metrics and check_board_health
        body.putAll(Schedule.of(tasks).summary());
        body.put("last_event_id", storage.lastEventId());
        body.put("server_time", Views.time(java.time.Instant.now()));
        ctx.json(body);
    }

    static Map<String, Object> counts(TaskCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_tasks", c.total());
        m.put("todo", c.todo());
        m.put("in_progress", c.inProgress());
        m.put("blocked", c.blocked());
        m.put("done", c.done());
        m.put("completion_percentage", c.completionPercentage());
        return m;
    }
}
