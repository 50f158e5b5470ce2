package dev.marcus.mcp.tools;

import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code get_project_status}: totals by status, completion percentage, workers. */
public final class GetProjectStatusTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID);

    private final ProjectService projects;

    @Inject
    public GetProjectStatusTool(ProjectService projects) {
        super("get_project_status",
                "A project's tasks by status, its completion percentage and how many workers are active or available.",
                SCHEMA, ToolProfile.CORE);
        this.projects = projects;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        ProjectService.ProjectStatus s = projects.status(args.string("project_id", null));
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("id", s.project().id().value());
        project.put("name", s.project().name());
        project.put("total_tasks", s.counts().total());
        project.put("todo", s.counts().todo());
        project.put("in_progress", s.counts().inProgress());
        project.put("blocked", s.counts().blocked());
        project.put("completed", s.counts().done());
        project.put("completion_percentage", s.counts().completionPercentage());
        project.put("complete", s.project().isComplete());
        Map<String, Object> workers = new LinkedHashMap<>();
        workers.put("total", s.workersTotal());
        workers.put("active", s.workersActive());
        workers.put("paused", s.workersPaused());
        workers.put("available", s.workersAvailable());
        Map<String, Object> out = Views.ok();
        out.put("project", project);
        out.put("workers", workers);
        return out;
    }
}
