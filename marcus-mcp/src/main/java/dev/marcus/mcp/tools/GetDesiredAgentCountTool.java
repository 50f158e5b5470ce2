package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_desired_agent_count}: how many agents a runner should run now: work in progress plus ready work, capped by peak parallelism and max_agents. */
public final class GetDesiredAgentCountTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .integer("max_agents", "Upper bound", false);

    private final BoardHealthService health;

    @Inject
    public GetDesiredAgentCountTool(BoardHealthService health) {
        super("get_desired_agent_count",
                "How many agents a runner should run now: work in progress plus ready work, capped by peak parallelism and max_agents.",
                SCHEMA, ToolProfile.ALL);
        this.health = health;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(health.desiredAgentCount(args.string("project_id", null), args.integer("max_agents", null)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
