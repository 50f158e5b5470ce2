package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code capture_stall_snapshot}: a snapshot for stall analysis: whether the project is stalled, time since activity, blocked and in-progress tasks, a diagnosis and the recent conversation. */
public final class CaptureStallSnapshotTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .integer("include_conversation_hours", "Hours of conversation to include (default 24)", false);

    private final BoardHealthService health;

    @Inject
    public CaptureStallSnapshotTool(BoardHealthService health) {
        super("capture_stall_snapshot",
                "A snapshot for stall analysis: whether the project is stalled, time since activity, blocked and in-progress tasks, a diagnosis and the recent conversation.",
                SCHEMA, ToolProfile.ALL);
        this.health = health;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(health.stallSnapshot(args.string("project_id", null), args.integer("include_conversation_hours", 24)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
