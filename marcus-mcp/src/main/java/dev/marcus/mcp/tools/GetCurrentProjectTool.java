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
import java.util.Optional;

/** {@code get_current_project}: the active project, or {@code project: null} when none is selected. */
public final class GetCurrentProjectTool implements MarcusTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final ProjectService projects;

    @Inject
    public GetCurrentProjectTool(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public String name() {
        return "get_current_project";
    }

    @Override
    public String description() {
        return "The active project, which tools act on when no project_id is given.";
    }

    @Override
    public ToolSchema schema() {
        return SCHEMA;
    }

    @Override
    public ToolProfile profile() {
        return ToolProfile.STANDARD;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Optional<Project> current = projects.current();
        Map<String, Object> out = Views.ok();
        out.put("project", current.map(Views::project).orElse(null));
        out.put("message", current.map(p -> "Project '" + p.name() + "' is active.")
                .orElse("No project is selected; call select_project or create_project."));
        return out;
    }
}
