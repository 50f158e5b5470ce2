package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.MarcusTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code check_assignment_health}: checks that assignments are consistent: expired leases, in-progress tasks without a holder, holders that are not registered, agents whose task is not theirs. */
public final class CheckAssignmentHealthTool implements MarcusTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID);

    private final BoardHealthService health;

    @Inject
    public CheckAssignmentHealthTool(BoardHealthService health) {
        this.health = health;
    }

    @Override
    public String name() {
        return "check_assignment_health";
    }

    @Override
    public String description() {
        return "Checks that assignments are consistent: expired leases, in-progress tasks without a holder, holders that are not registered, agents whose task is not theirs.";
    }

    @Override
    public ToolSchema schema() {
        return SCHEMA;
    }

    @Override
    public ToolProfile profile() {
        return ToolProfile.ALL;
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
