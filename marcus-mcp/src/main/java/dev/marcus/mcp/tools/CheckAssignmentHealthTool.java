package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code check_assignment_health}: checks that assignments are consistent: expired leases, in-progress tasks without a holder, holders that are not registered, agents whose task is not theirs. */
public final class CheckAssignmentHealthTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID);

    private final BoardHealthService health;

    @Inject
    public CheckAssignmentHealthTool(BoardHealthService health) {
        super("check_assignment_health",
                "Checks that assignments are consistent: expired leases, in-progress tasks without a holder, holders that are not registered, agents whose task is not theirs.",
                SCHEMA, ToolProfile.ALL);
        this.health = health;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(health.assignmentHealth(args.string("project_id", null)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
