package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code diagnose_project}: explains why tasks are not assignable (waiting on or blocked by dependencies, blocked, parent of subtasks, no agent with matching skills) and what to do. */
public final class DiagnoseProjectTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID);

    private final BoardHealthService health;

    @Inject
    public DiagnoseProjectTool(BoardHealthService health) {
        super("diagnose_project",
                "Explains why tasks are not assignable (waiting on or blocked by dependencies, blocked, parent of subtasks, no agent with matching skills) and what to do.",
                SCHEMA, ToolProfile.STANDARD);
        this.health = health;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(health.diagnose(args.string("project_id", null)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
