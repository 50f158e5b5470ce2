package dev.marcus.mcp.tools;

import dev.marcus.core.model.Project;
import dev.marcus.core.service.ProjectRegistryService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code update_project}: renames a project or changes its description or project_root. */
public final class UpdateProjectTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", "The project to update", true, Fields.ID)
            .string("name", "New name", false)
            .strings("tags", "Accepted for compatibility; not stored yet", false)
            .object("config", "description and/or project_root to change", false, ToolSchema.object().string("description", "What the project is", false).string("project_root", "Absolute directory artifacts are written under", false));

    private final ProjectRegistryService registry;

    @Inject
    public UpdateProjectTool(ProjectRegistryService registry) {
        super("update_project",
                "Renames a project or changes its description or project_root.",
                SCHEMA, ToolProfile.STANDARD);
        this.registry = registry;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Arguments config = args.object("config");
        Project p = registry.update(args.requireString("project_id"), args.string("name", null),
                config.string("description", null), config.string("project_root", null));
        Map<String, Object> out = Views.ok();
        out.put("project", Views.project(p));
        return out;
    }
}
