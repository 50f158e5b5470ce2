package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code check_board_health}: scores the board 0-100 and lists issues: skill_mismatch, circular_dependency, bottleneck, chain_block, stale_tasks, overloaded_agents, idle_agents. */
public final class CheckBoardHealthTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID);

    private final BoardHealthService health;

    @Inject
    public CheckBoardHealthTool(BoardHealthService health) {
        super("check_board_health",
                "Scores the board 0-100 and lists issues: skill_mismatch, circular_dependency, bottleneck, chain_block, stale_tasks, overloaded_agents, idle_agents.",
                SCHEMA, ToolProfile.STANDARD);
        this.health = health;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(health.boardHealth(args.string("project_id", null)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
