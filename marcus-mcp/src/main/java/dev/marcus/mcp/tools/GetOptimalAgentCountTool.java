package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.MarcusTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_optimal_agent_count}: optimal number of agents by the critical-path method over the real dependency graph: peak parallelism, critical path hours, total work. */
public final class GetOptimalAgentCountTool implements MarcusTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .bool("include_details", "Include the schedule (start, finish, slack) and the critical path", false);

    private final BoardHealthService health;

    @Inject
    public GetOptimalAgentCountTool(BoardHealthService health) {
        this.health = health;
    }

    @Override
    public String name() {
        return "get_optimal_agent_count";
    }

    @Override
    public String description() {
        return "Optimal number of agents by the critical-path method over the real dependency graph: peak parallelism, critical path hours, total work.";
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
        return merge(health.optimalAgentCount(args.string("project_id", null), args.bool("include_details", false)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
