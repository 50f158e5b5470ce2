package dev.marcus.web;

import dev.marcus.core.model.Role;
import dev.marcus.core.model.Task;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.Map;

/** Tasks: add, read with decisions/artifacts/blockers, unassign, resolve a blocker. */
final class TasksApi implements ApiRoutes {
    private final ProjectService projects;
    private final ProgressService progress;
    private final ContextService context;
    private final Access access;

    TasksApi(ProjectService projects, ProgressService progress, ContextService context, Access access) {
        this.projects = projects;
        this.progress = progress;
        this.context = context;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.post("/api/projects/{projectId}/tasks", this::add);
        r.get("/api/tasks/{taskId}", this::get);
        r.post("/api/tasks/{taskId}/unassign", this::unassign);
        r.post("/api/tasks/{taskId}/resolve-blocker", this::resolveBlocker);
    }

    private void add(Context ctx) {
        var project = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.DEVELOPER, project.id());
        Body b = Body.of(ctx);
        Task t = projects.addTask(new ProjectService.AddTask(project.id().value(), b.required("name"),
                b.string("description"), b.string("priority"), b.strings("labels"), b.strings("dependencies"),
                b.strings("blocks"), b.number("estimated_hours"), b.strings("acceptance_criteria"),
                b.string("parent_task_id")));
        access.audit(ctx, "task.add", t.id().value(), null, t.name());
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(t));
        ctx.status(201).json(body);
    }

    private void get(Context ctx) {
        ContextService.TaskContext c = context.contextFor(ctx.pathParam("taskId"));
        access.require(ctx, Role.VIEWER, c.task().projectId());
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(c.task()));
        body.put("dependencies", Views.list(c.dependencies(), Views::taskRef));
        body.put("dependents", Views.list(c.dependents(), Views::taskRef));
        body.put("decisions", Views.list(c.ownDecisions(), Views::decision));
        body.put("artifacts", Views.list(c.ownArtifacts(), Views::artifact));
        body.put("blockers", Views.list(c.blockers(), Views::blocker));
        body.put("upstream_decisions", Views.list(c.upstreamDecisions(), Views::decision));
        ctx.json(body);
    }

    private void unassign(Context ctx) {
        Task before = context.contextFor(ctx.pathParam("taskId")).task();
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Task t = progress.unassign(before.id().value(), null);
        access.audit(ctx, "task.unassign", t.id().value(), before.status().wire() + " " + before.assignee(),
                t.status().wire());
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(t));
        ctx.json(body);
    }

    private void resolveBlocker(Context ctx) {
        Task before = context.contextFor(ctx.pathParam("taskId")).task();
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Task t = progress.resolveBlocker(before.id().value());
        access.audit(ctx, "task.resolve_blocker", t.id().value(), before.status().wire(), t.status().wire());
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(t));
        ctx.json(body);
    }
}
