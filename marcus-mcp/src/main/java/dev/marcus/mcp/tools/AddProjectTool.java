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

/** {@code add_project}: adds an empty project to the registry (plan tasks into it with add_task); makes it active unless make_active is false. */
public final class AddProjectTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("name", "The project name", true)
            .string("provider", "Accepted for compatibility with the reference (planka/linear/github); Marcus keeps projects in its own store", false)
            .object("config", "description and project_root (absolute)", false, ToolSchema.object().string("description", "What the project is", false).string("project_root", "Absolute directory artifacts are written under", false))
            .strings("tags", "Accepted for compatibility; not stored yet", false)
            .bool("make_active", "Make it the active project (default true)", false);

    private final ProjectRegistryService registry;

    @Inject
    public AddProjectTool(ProjectRegistryService registry) {
        super("add_project",
                "Adds an empty project to the registry (plan tasks into it with add_task); makes it active unless make_active is false.",
                SCHEMA, ToolProfile.STANDARD);
        this.registry = registry;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Arguments config = args.object("config");
        Project p = registry.add(args.requireString("name"), config.string("description", ""),
                config.string("project_root", null), args.bool("make_active", true));
        Map<String, Object> out = Views.ok();
        Map<String, Object> project = Views.project(p);
        project.put("is_active", args.bool("make_active", true));
        project.put("tags", args.strings("tags"));
        out.put("project", project);
        return out;
    }
}
