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

/** {@code remove_project}: removes a project from the lists (confirm must be true). It is archived, not deleted: its tasks, events, decisions and artifacts stay readable with query_project_history. */
public final class RemoveProjectTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", "The project to remove", true, Fields.ID)
            .bool("confirm", "Must be true", false);

    private final ProjectRegistryService registry;

    @Inject
    public RemoveProjectTool(ProjectRegistryService registry) {
        super("remove_project",
                "Removes a project from the lists (confirm must be true). It is archived, not deleted: its tasks, events, decisions and artifacts stay readable with query_project_history.",
                SCHEMA, ToolProfile.ALL);
        this.registry = registry;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Project p = registry.remove(args.requireString("project_id"), args.bool("confirm", false));
        Map<String, Object> out = Views.ok();
        out.put("deleted_project", p.name());
        out.put("project_id", p.id().value());
        out.put("archived_at", Views.time(p.archivedAt()));
        out.put("message", "Project '" + p.name() + "' was archived; its history is kept.");
        return out;
    }
}
