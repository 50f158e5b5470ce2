package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_optimal_agent_count}: optimal number of agents by the critical-path method over the real dependency graph: peak parallelism, critical path hours, total work. */
public final class GetOptimalAgentCountTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .bool("include_details", "Include the schedule: each unfinished task's hours, start, finish and slack", false);

    private final BoardHealthService health;

    @Inject
    public GetOptimalAgentCountTool(BoardHealthService health) {
        super("get_optimal_agent_count",
                "Optimal number of agents by the critical-path method over the real dependency graph: peak parallelism, critical path hours, total work.",
                SCHEMA, ToolProfile.ALL);
        this.health = health;
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
