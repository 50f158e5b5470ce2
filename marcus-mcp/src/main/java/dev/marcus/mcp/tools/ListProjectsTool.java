package dev.marcus.mcp.tools;

import dev.marcus.core.model.Project;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code list_projects}: every project, oldest first, marking the active one. */
public final class ListProjectsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final ProjectService projects;

    @Inject
    public ListProjectsTool(ProjectService projects) {
        super("list_projects",
                "Lists every project (oldest first) and which one is active.",
                SCHEMA, ToolProfile.STANDARD);
        this.projects = projects;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        String active = projects.current().map(p -> p.id().value()).orElse(null);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Project p : projects.list()) {
            Map<String, Object> v = Views.project(p);
            v.put("is_active", p.id().value().equals(active));
            list.add(v);
        }
        Map<String, Object> out = Views.ok();
        out.put("projects", list);
        out.put("active_project_id", active);
        out.put("count", list.size());
        return out;
    }
}
