package dev.marcus.mcp.tools;

import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code create_tasks}: plans a description onto an existing project as a validated task graph. */
public final class CreateTasksTool extends AbstractTool {
    private static final ToolSchema OPTIONS = ToolSchema.object()
            .string("planner", "offline, outline, or the configured LLM planner (default: the configured one)", false, 64);

    private final ProjectService projects;

    @Inject
    public CreateTasksTool(ProjectService projects, Limits limits) {
        super("create_tasks",
                "Plans a description into tasks on an existing project (the active one unless project_name is given). "
                    + "The plan is validated first (no cycles, no dangling or duplicate tasks); on failure nothing is written.",
                schemaFor(limits), ToolProfile.STANDARD);
        this.projects = projects;
    }

    private static ToolSchema schemaFor(Limits limits) {
        return ToolSchema.object()
                    .string("task_description", "The tasks, in prose or as a Markdown outline (bullets are tasks, 'after X' "
                            + "names a dependency, nested bullets are acceptance criteria)", true, limits.textChars() * 10)
                    .string("project_name", "The project to add to; default the active project", false, limits.nameChars())
                    .object("options", "Optional settings", false, OPTIONS);
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Arguments options = args.object("options");
        ProjectService.AddedTasks added = projects.createTasks(args.string("project_name", null),
                args.requireString("task_description"), new ProjectService.CreateOptions(null, options.string("planner", null)));
        Map<String, Object> out = Views.ok();
        out.put("project_id", added.project().id().value());
        out.put("project_name", added.project().name());
        out.put("tasks_created", added.tasks().size());
        out.put("task_ids", added.tasks().stream().map(t -> t.id().value()).toList());
        out.put("dependencies_mapped", added.dependencies());
        out.put("phases", added.phases());
        out.put("warnings", added.warnings());
        out.put("tasks", Views.list(added.tasks(), CreateProjectTool::summary));
        return out;
    }
}
