package dev.marcus.mcp.tools;

import dev.marcus.core.model.Project;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/** {@code get_current_project}: the active project, or {@code project: null} when none is selected. */
public final class GetCurrentProjectTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final ProjectService projects;

    @Inject
    public GetCurrentProjectTool(ProjectService projects) {
        super("get_current_project",
                "The active project, which tools act on when no project_id is given.",
                SCHEMA, ToolProfile.STANDARD);
        this.projects = projects;
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
