package dev.marcus.mcp.tools;

import dev.marcus.core.model.Project;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.MarcusTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code select_project}: makes a project active, by id or by name. {@link SwitchProjectTool} is its alias. */
public class SelectProjectTool implements MarcusTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", "The project's id", false, Fields.ID)
            .string("name", "The project's name (case-insensitive)", false)
            .string("project_name", "Same as name", false);

    private final ProjectService projects;

    @Inject
    public SelectProjectTool(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public String name() {
        return "select_project";
    }

    @Override
    public String description() {
        return "Makes a project the active one, found by project_id or by name.";
    }

    @Override
    public final ToolSchema schema() {
        return SCHEMA;
    }

    @Override
    public final ToolProfile profile() {
        return ToolProfile.STANDARD;
    }

    @Override
    public final Map<String, Object> call(Arguments args) {
        String name = args.string("name", null);
        if (name == null || name.isBlank()) {
            name = args.string("project_name", null);
        }
        Project p = projects.select(args.string("project_id", null), name);
        Map<String, Object> out = Views.ok();
        out.put("project", Views.project(p));
        out.put("message", "Project '" + p.name() + "' (" + p.id() + ") is now active.");
        return out;
    }
}
