package dev.marcus.mcp.tools;

import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code add_feature}: plans a feature and wires its tasks into the active project's graph. */
public final class AddFeatureTool extends AbstractTool {
    private final ProjectService projects;

    @Inject
    public AddFeatureTool(ProjectService projects, Limits limits) {
        super("add_feature",
                "Adds a feature's tasks to the active project, wired into the existing graph at the integration point; "
                    + "deployment tasks not yet started wait for the new feature. Validated first; on failure nothing is written.",
                schemaFor(limits), ToolProfile.STANDARD);
        this.projects = projects;
    }

    private static ToolSchema schemaFor(Limits limits) {
        return ToolSchema.object()
                    .string("feature_description", "The feature, in prose or as a Markdown outline", true, limits.textChars() * 10)
                    .choice("integration_point", "Where the feature joins the graph: auto_detect (after related work; default), "
                            + "after_current (after the tasks in progress), parallel (no link), new_phase (after every open end)",
                            false, List.of("auto_detect", "after_current", "parallel", "new_phase"))
                    .string("project_id", "The project; default the active project (extension)", false, Fields.ID);
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        ProjectService.AddedTasks added = projects.addFeature(args.string("project_id", null),
                args.requireString("feature_description"), args.string("integration_point", "auto_detect"));
        Map<String, Object> out = Views.ok();
        out.put("project_id", added.project().id().value());
        out.put("feature_name", added.phases().isEmpty() ? added.tasks().get(0).name() : added.phases().get(0));
        out.put("integration_point", added.integrationPoint());
        out.put("tasks_created", added.tasks().size());
        out.put("task_ids", added.tasks().stream().map(t -> t.id().value()).toList());
        out.put("dependencies_mapped", added.dependencies());
        out.put("depends_on_existing", Views.ids(added.linkedTo()));
        out.put("existing_tasks_now_waiting", Views.ids(added.nowWaiting()));
        out.put("warnings", added.warnings());
        out.put("tasks", Views.list(added.tasks(), CreateProjectTool::summary));
        return out;
    }
}
