package dev.marcus.web;

import dev.marcus.core.model.Role;
import dev.marcus.core.model.Task;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Tasks: add, read with decisions/artifacts/blockers, edit, rewire dependencies, unassign, resolve a blocker. */
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
        r.patch("/api/tasks/{taskId}", this::update);
        r.post("/api/tasks/{taskId}/dependencies", this::addDependency);
        r.delete("/api/tasks/{taskId}/dependencies/{dependsOnId}", this::removeDependency);
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

    private static final Set<String> EDITABLE = Set.of("name", "description", "priority", "labels", "estimated_hours",
            "acceptance_criteria");

    /** {@code PATCH}: the fields sent change, the others stay; any invalid field refuses the whole edit. */
    private void update(Context ctx) {
        Task before = projects.task(ctx.pathParam("taskId"));
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Body b = Body.of(ctx).only(EDITABLE);
        Task after = projects.updateTask(before.id().value(), new ProjectService.EditTask(b.string("name"),
                b.string("description"), b.string("priority"), b.stringsOrNull("labels"), b.number("estimated_hours"),
                b.stringsOrNull("acceptance_criteria")));
        Map<String, String> was = editable(before);
        Map<String, String> now = editable(after);
        List<String> changed = new ArrayList<>();
        for (String field : was.keySet()) {
            if (!Objects.equals(was.get(field), now.get(field))) {
                changed.add(field);
            }
        }
        access.audit(ctx, "task.update", after.id().value(), describe(was, changed), describe(now, changed));
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(after));
        body.put("changed", changed);
        ctx.json(body);
    }

    private static Map<String, String> editable(Task t) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("description", t.description());
        m.put("priority", t.priority().wire());
        m.put("labels", String.join(", ", t.labels()));
        m.put("estimated_hours", String.valueOf(t.estimatedHours()));
        m.put("acceptance_criteria", String.join(", ", t.acceptanceCriteria()));
        return m;
    }

    private static String describe(Map<String, String> values, List<String> fields) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            String v = f.equals("description") ? "(" + values.get(f).length() + " characters)" : values.get(f);
            parts.add(f + "=" + v);
        }
        return String.join("; ", parts);
    }

    private void addDependency(Context ctx) {
        Task before = projects.task(ctx.pathParam("taskId"));
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Body b = Body.of(ctx).only(Set.of("depends_on"));
        Task after = projects.addDependency(before.id().value(), b.required("depends_on"));
        access.audit(ctx, "task.add_dependency", after.id().value(), String.join(",", Views.ids(before.dependencies())),
                String.join(",", Views.ids(after.dependencies())));
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(after));
        ctx.json(body);
    }

    private void removeDependency(Context ctx) {
        Task before = projects.task(ctx.pathParam("taskId"));
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Task after = projects.removeDependency(before.id().value(), ctx.pathParam("dependsOnId"));
        access.audit(ctx, "task.remove_dependency", after.id().value(), String.join(",", Views.ids(before.dependencies())),
                String.join(",", Views.ids(after.dependencies())));
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(after));
        ctx.json(body);
    }

    private void unassign(Context ctx) {
        Task before = projects.task(ctx.pathParam("taskId"));
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Task t = progress.unassign(before.id().value(), null);
        access.audit(ctx, "task.unassign", t.id().value(), before.status().wire() + " " + before.assignee(),
                t.status().wire());
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(t));
        ctx.json(body);
    }

    private void resolveBlocker(Context ctx) {
        Task before = projects.task(ctx.pathParam("taskId"));
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Task t = progress.resolveBlocker(before.id().value());
        access.audit(ctx, "task.resolve_blocker", t.id().value(), before.status().wire(), t.status().wire());
        Map<String, Object> body = Views.ok();
        body.put("task", Views.task(t));
        ctx.json(body);
    }
}
