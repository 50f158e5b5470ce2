package dev.marcus.mcp.tools;

import dev.marcus.core.model.Task;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code add_task} (extension): adds one explicit task, wired into the graph without creating a cycle. */
public final class AddTaskTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("name", "The task's name", true)
            .string("description", "What to do", false)
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .choice("priority", "low, medium, high or urgent; default medium", false, List.of("low", "medium", "high", "urgent"))
            .strings("labels", "Labels, matched against agents' skills", false)
            .strings("dependencies", "Ids of tasks this one waits for", false)
            .strings("blocks", "Ids of existing, not yet started tasks that must wait for this one (extension)", false)
            .number("estimated_hours", "Estimate in hours", false)
            .strings("acceptance_criteria", "What done means", false)
            .string("parent_task_id", "Makes this a subtask of that task", false, Fields.ID);

    private final ProjectService projects;

    @Inject
    public AddTaskTool(ProjectService projects) {
        super("add_task",
                "Adds one task to a project (the active one by default) with its dependencies; refused when it would "
                    + "create a dependency cycle or name an unknown task.",
                SCHEMA, ToolProfile.STANDARD);
        this.projects = projects;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Task t = projects.addTask(new ProjectService.AddTask(args.string("project_id", null), args.requireString("name"),
                args.string("description", ""), args.string("priority", null), args.strings("labels"),
                args.strings("dependencies"), args.strings("blocks"), args.number("estimated_hours"),
                args.strings("acceptance_criteria"), args.string("parent_task_id", null)));
        Map<String, Object> out = Views.ok();
        out.put("task_id", t.id().value());
        out.put("task", Views.task(t));
        return out;
    }
}
