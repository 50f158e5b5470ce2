package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.MetricsService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code get_task_metrics}: task figures of the active project grouped by status, priority, assignee or label, for tasks changed within the window. */
public final class GetTaskMetricsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .choice("time_window", "Look-back window: 1h, 24h, 7d or 30d", false, List.of("1h", "24h", "7d", "30d"))
            .choice("group_by", "status, priority, assignee or label", false, List.of("status", "priority", "assignee", "label"));

    private final MetricsService metrics;

    @Inject
    public GetTaskMetricsTool(MetricsService metrics) {
        super("get_task_metrics",
                "Task figures of the active project grouped by status, priority, assignee or label, for tasks changed within the window.",
                SCHEMA, ToolProfile.ALL);
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(metrics.tasks(args.string("project_id", null), args.string("time_window", "30d"), args.string("group_by", "status")));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
